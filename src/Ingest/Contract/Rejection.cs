namespace PoQ.Ingest.Contract;

/// <summary>An expected failure as a value (style.md §7): a reason code, a message naming the field, and the field.</summary>
/// <param name="ReasonCode">One of <see cref="ReasonCodes"/>.</param>
/// <param name="Message">Human-readable, names the field and the reason.</param>
/// <param name="Field">The offending field (JSON name), when one is to blame.</param>
public sealed record Rejection(string ReasonCode, string Message, string? Field = null);

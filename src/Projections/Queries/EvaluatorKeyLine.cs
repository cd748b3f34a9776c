namespace PoQ.Projections.Queries;

/// <summary>One change of an evaluator's signing key as the store recorded it (<c>poq.registry</c>, issue 10).</summary>
/// <param name="Action">register, rotate or revoke.</param>
/// <param name="Fingerprint">The key's fingerprint (for a revoke: the key withdrawn).</param>
/// <param name="EffectiveAt">The log time from which the change holds.</param>
/// <param name="Source"><c>topic/partition/offset</c> of the registry record.</param>
public sealed record EvaluatorKeyLine(string Action, string Fingerprint, DateTimeOffset EffectiveAt, string Source);

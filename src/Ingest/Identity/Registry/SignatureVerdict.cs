using PoQ.Ingest.Contract;

namespace PoQ.Ingest.Identity.Registry;

/// <summary>How a score's signature fared against the registry: accepted, or the rejection to dead-letter it with.</summary>
/// <param name="Rejection">Null when the signature is valid for the evaluator's key in force.</param>
/// <param name="KeyFingerprint">The fingerprint of the key that verified it (null when none did).</param>
public sealed record SignatureVerdict(Rejection? Rejection, string? KeyFingerprint)
{
    /// <summary>True when the score may enter a window.</summary>
    public bool IsValid => Rejection is null;
}

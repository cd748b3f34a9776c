namespace PoQ.Ingest.Identity.Registry;

/// <summary>
/// One change of the evaluator registry, as read from <c>poq.registry</c>. It takes effect at its record's log time
/// (<paramref name="EffectiveAt"/>): a score is judged against the registry as of the score record's own time, so the
/// judgement is a function of the log, not of when the pipeline happened to read the change.
/// </summary>
/// <param name="Action">register, rotate or revoke (<see cref="RegistryAction"/>).</param>
/// <param name="EvaluatorId">The evaluator.</param>
/// <param name="PublicKey">The raw 32-byte Ed25519 public key (register, rotate); null for revoke.</param>
/// <param name="EffectiveAt">The record's log time.</param>
public sealed record RegistryChange(string Action, string EvaluatorId, byte[]? PublicKey, DateTimeOffset EffectiveAt)
{
    /// <summary>A short, stable name of a public key for people: the first 8 bytes of its SHA-256, hex.</summary>
    public static string Fingerprint(ReadOnlySpan<byte> publicKey) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(publicKey)[..8]);
}

using NSec.Cryptography;

namespace PoQ.Ingest.Identity.Registry;

/// <summary>One applied change in an evaluator's key history: the key in force from <paramref name="EffectiveAt"/> (null after a revoke).</summary>
/// <param name="Action">The change.</param>
/// <param name="EffectiveAt">From when (log time, monotonic per evaluator).</param>
/// <param name="Key">The imported key in force from then; null when revoked.</param>
/// <param name="Fingerprint">The key's fingerprint (for a revoke: the fingerprint of the key it withdrew).</param>
public sealed record KeyRecord(string Action, DateTimeOffset EffectiveAt, PublicKey? Key, string Fingerprint);

namespace PoQ.Projections.Verification;

/// <summary>One recorded value that the core does not reproduce, or a broken link in the recorded chain.</summary>
/// <param name="TaskId">The task, or null for store-wide checks (node ledgers, the trust-ledger stream, mechanisms).</param>
/// <param name="Field">What differs, e.g. <c>verdicts[ev-3].reward</c>, <c>node_ledger[inference:inf-1].total</c>.</param>
/// <param name="Recorded">The recorded value (invariant round-trip text).</param>
/// <param name="Recomputed">What the core (or the chain) says it must be.</param>
public sealed record AuditMismatch(string? TaskId, string Field, string Recorded, string Recomputed);

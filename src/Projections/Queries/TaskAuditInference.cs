namespace PoQ.Projections.Queries;

/// <summary>The inference node's payout on one task: R_F = α_F · c/10 − β_F · ĉ_F.</summary>
/// <param name="NodeId">The inference node.</param>
/// <param name="LatencyMs">Its latency (cost input).</param>
/// <param name="NormalizedCost">ĉ_F from the recorded latency bounds; null when the parameters are unknown.</param>
/// <param name="Reward">The recorded reward (0 when insufficient).</param>
/// <param name="Formula">The formula with the recorded numbers filled in; null when insufficient or unknown.</param>
public sealed record TaskAuditInference(string NodeId, double LatencyMs, double? NormalizedCost, double Reward, string? Formula);

namespace PoQ.Settlement.Trust;

/// <summary>
/// One verdict as the trust fold needs it: whose trust it moves, where it sits in the canonical order (close time, then
/// task id) and the signal the update uses.
/// </summary>
/// <param name="EvaluatorId">The evaluator.</param>
/// <param name="ClosedAt">The task's close (log time).</param>
/// <param name="TaskId">The task (ties on close time are broken by ordinal task id).</param>
/// <param name="Deviation">The trust signal: the deviation d of an Eq. 21 rule, or the bond target of <c>yuma</c>.</param>
public readonly record struct TrustSignal(string EvaluatorId, DateTimeOffset ClosedAt, string TaskId, double Deviation);

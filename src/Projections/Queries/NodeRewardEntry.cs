namespace PoQ.Projections.Queries;

/// <summary>One reward a node received.</summary>
/// <param name="Epoch">The task's trust epoch.</param>
/// <param name="ClosedAt">The task's close (log time).</param>
/// <param name="TaskId">The task.</param>
/// <param name="Amount">The reward.</param>
public sealed record NodeRewardEntry(long Epoch, DateTimeOffset ClosedAt, string TaskId, double Amount);

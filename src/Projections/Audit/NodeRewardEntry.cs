namespace PoQ.Projections.Audit;

/// <summary>One reward a node received.</summary>
/// <param name="Sequence">The task's sequence.</param>
/// <param name="TaskId">The task.</param>
/// <param name="Amount">The reward.</param>
public sealed record NodeRewardEntry(long Sequence, string TaskId, double Amount);

namespace PoQ.Projections.Queries;

/// <summary>One step of an evaluator's trust trajectory.</summary>
/// <param name="Epoch">The task's trust epoch.</param>
/// <param name="ClosedAt">The task's close (log time).</param>
/// <param name="TaskId">The task.</param>
/// <param name="Before">Trust in force for the task.</param>
/// <param name="After">Trust after this verdict's own step.</param>
public sealed record TrustPoint(long Epoch, DateTimeOffset ClosedAt, string TaskId, double Before, double After);

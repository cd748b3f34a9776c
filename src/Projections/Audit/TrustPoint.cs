namespace PoQ.Projections.Audit;

/// <summary>One step of an evaluator's trust trajectory.</summary>
/// <param name="Sequence">The task's sequence.</param>
/// <param name="TaskId">The task.</param>
/// <param name="Before">Trust in force for the task.</param>
/// <param name="After">Trust after it.</param>
public sealed record TrustPoint(long Sequence, string TaskId, double Before, double After);

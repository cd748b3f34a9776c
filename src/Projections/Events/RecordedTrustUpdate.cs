namespace PoQ.Projections.Events;

/// <summary>One applied trust update.</summary>
/// <param name="Sequence">Ledger sequence (gap free).</param>
/// <param name="TaskId">The task that caused it.</param>
/// <param name="EvaluatorId">The evaluator.</param>
/// <param name="WeightBefore">Weight before.</param>
/// <param name="WeightAfter">Weight after.</param>
/// <param name="ObservationsAfter">Updates applied including this one.</param>
public sealed record RecordedTrustUpdate(long Sequence, string TaskId, string EvaluatorId, double WeightBefore, double WeightAfter, int ObservationsAfter);

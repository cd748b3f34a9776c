namespace PoQ.Projections.Events;

/// <summary>One applied trust update.</summary>
public sealed record RecordedTrustUpdate(long Sequence, string TaskId, string EvaluatorId, double WeightBefore, int ObservationsBefore, double WeightAfter, int ObservationsAfter);

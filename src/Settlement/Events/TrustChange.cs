namespace PoQ.Settlement.Events;

/// <summary>One evaluator's trust across an epoch's fold.</summary>
/// <param name="EvaluatorId">The evaluator.</param>
/// <param name="WeightBefore">Weight before the fold.</param>
/// <param name="ObservationsBefore">Updates before the fold.</param>
/// <param name="WeightAfter">Weight after the fold.</param>
/// <param name="ObservationsAfter">Updates after the fold.</param>
public sealed record TrustChange(string EvaluatorId, double WeightBefore, int ObservationsBefore, double WeightAfter, int ObservationsAfter);

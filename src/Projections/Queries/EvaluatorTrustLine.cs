namespace PoQ.Projections.Queries;

/// <summary>One evaluator's current standing, for the trust distribution.</summary>
/// <param name="EvaluatorId">The evaluator.</param>
/// <param name="Trust">Trust after its latest settled task; null when never settled.</param>
/// <param name="Settled">Tasks settled with a verdict on it.</param>
public sealed record EvaluatorTrustLine(string EvaluatorId, double? Trust, long Settled);

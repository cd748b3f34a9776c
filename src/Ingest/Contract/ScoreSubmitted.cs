namespace PoQ.Ingest.Contract;

/// <summary>A validated <c>poq.scores</c> message.</summary>
/// <param name="ScoreId">Score id.</param>
/// <param name="TaskId">Task id (the Kafka key).</param>
/// <param name="EvaluatorId">The evaluator.</param>
/// <param name="Score">Score in [0, 10], finite.</param>
/// <param name="LatencyMs">The evaluator's latency.</param>
/// <param name="SubmittedAt">When the score was submitted (event time).</param>
public sealed record ScoreSubmitted(string ScoreId, string TaskId, string EvaluatorId, double Score, double LatencyMs, DateTimeOffset SubmittedAt);

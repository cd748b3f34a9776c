namespace PoQ.Settlement.Events;

/// <summary>A score the task's window accepted, with its cost input and source.</summary>
/// <param name="ScoreId">Score id from the wire.</param>
/// <param name="EvaluatorId">The evaluator.</param>
/// <param name="Score">The score.</param>
/// <param name="LatencyMs">The evaluator's latency (its cost input).</param>
/// <param name="SubmittedAt">The time the producer wrote into the message (informational: time comes from the log).</param>
/// <param name="Source">Partition and offset in <c>poq.scores</c>.</param>
public sealed record RecordedScore(string ScoreId, string EvaluatorId, double Score, double LatencyMs, DateTimeOffset SubmittedAt, SourceRef Source);

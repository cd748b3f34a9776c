namespace PoQ.Projections.Events;

/// <summary>A score the task's window accepted, with its cost input and source.</summary>
public sealed record RecordedScore(string ScoreId, string EvaluatorId, double Score, double LatencyMs, DateTimeOffset SubmittedAt, SourceRef Source);

namespace PoQ.Projections.Events;

/// <summary>The recorded facts of a task's window: everything a settlement is derived from.</summary>
public sealed record TaskFacts
{
    /// <summary>Task id (the stream id and Kafka key).</summary>
    public required string TaskId { get; init; }

    /// <summary>"qa" or "summarization".</summary>
    public required string TaskType { get; init; }

    /// <summary>The inference node.</summary>
    public required string InferenceNodeId { get; init; }

    /// <summary>Task event time.</summary>
    public required DateTimeOffset SubmittedAt { get; init; }

    /// <summary>The inference node's latency (its cost input).</summary>
    public required double InferenceLatencyMs { get; init; }

    /// <summary>The sampled evaluators.</summary>
    public required IReadOnlyList<string> SampledEvaluators { get; init; }

    /// <summary>Where the task message was read.</summary>
    public required SourceRef TaskSource { get; init; }

    /// <summary>The accepted scores in arrival order.</summary>
    public required IReadOnlyList<RecordedScore> AcceptedScores { get; init; }

    /// <summary><c>all_scored</c>, <c>deadline_with_quorum</c> or <c>deadline_below_quorum</c>.</summary>
    public required string CloseReason { get; init; }

    /// <summary>Processing time of the close.</summary>
    public required DateTimeOffset ClosedAt { get; init; }
}

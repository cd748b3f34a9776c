namespace PoQ.Settlement.Events;

/// <summary>
/// The recorded facts of a task's window: everything its settlement is derived from. Every time in here is log time
/// (Kafka record timestamps, see README "Time and trust"), never the clock of the machine that processed it, so the
/// facts are a function of the input log.
/// </summary>
public sealed record TaskFacts
{
    /// <summary>Task id (the Kafka key).</summary>
    public required string TaskId { get; init; }

    /// <summary>"qa" or "summarization".</summary>
    public required string TaskType { get; init; }

    /// <summary>The inference node.</summary>
    public required string InferenceNodeId { get; init; }

    /// <summary>The time the producer wrote into the task message (informational).</summary>
    public required DateTimeOffset SubmittedAt { get; init; }

    /// <summary>The inference node's latency (its cost input).</summary>
    public required double InferenceLatencyMs { get; init; }

    /// <summary>The sampled evaluators.</summary>
    public required IReadOnlyList<string> SampledEvaluators { get; init; }

    /// <summary>Where the task message was read (its partition is the task's partition).</summary>
    public required SourceRef TaskSource { get; init; }

    /// <summary>The task's log time: its record's timestamp, or the partition's stream time if that was later.</summary>
    public required DateTimeOffset TaskTime { get; init; }

    /// <summary>The accepted scores in the order the window took them.</summary>
    public required IReadOnlyList<RecordedScore> AcceptedScores { get; init; }

    /// <summary>
    /// <see cref="CloseReasons"/>: <c>all_scored</c>, <c>deadline_with_quorum</c>, <c>deadline_below_quorum</c>,
    /// <c>escalation_answered</c> or <c>escalation_deadline</c>.
    /// </summary>
    public required string CloseReason { get; init; }

    /// <summary>The partition's stream time when the window closed (log time; decides the trust epoch).</summary>
    public required DateTimeOffset ClosedAt { get; init; }

    /// <summary>The record that closed the window: the last score, or the record whose time passed the deadline.</summary>
    public required RecordRef ClosedBy { get; init; }

    /// <summary>
    /// The public rule the pipeline checked <see cref="SampledEvaluators"/> against (<c>hash-rank-v1</c>), so an auditor
    /// can draw them again; null when the pipeline did not check the draw. Admission, not settlement: not in the digest.
    /// </summary>
    public string? SamplingRule { get; init; }

    /// <summary>The seed of <see cref="SamplingRule"/>'s draw; null when the draw was not checked.</summary>
    public string? SamplingSeed { get; init; }

    /// <summary>The escalation that held the task's payout, or null when it settled on its sampled evaluators alone.</summary>
    public TaskEscalation? Escalation { get; init; }

    /// <summary>Everyone asked to score the task: the sampled evaluators, then any an escalation added.</summary>
    public IReadOnlyList<string> AskedEvaluators() =>
        Escalation is { } escalation ? [.. SampledEvaluators, .. escalation.Evaluators] : SampledEvaluators;
}

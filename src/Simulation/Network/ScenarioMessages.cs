namespace PoQ.Simulation.Network;

/// <summary>
/// A message the simulated network publishes. <see cref="Key"/> is the Kafka key (the task id); <see cref="Timestamp"/>
/// is the record's timestamp — the simulator's clock, so a seed fixes the whole log, times included.
/// </summary>
/// <param name="Key">Kafka key.</param>
/// <param name="Timestamp">Record timestamp (simulated time).</param>
public abstract record ScenarioMessage(string Key, DateTimeOffset Timestamp);

/// <summary>A task event with the simulator's hidden truth (never published: the pipeline must not see it).</summary>
public sealed record SimulatedTask(string TaskId, string TaskType, string InferenceNodeId, DateTimeOffset SubmittedAt, double LatencyMs, IReadOnlyList<string> Evaluators, double HiddenTruth)
    : ScenarioMessage(TaskId, SubmittedAt)
{
    /// <summary>
    /// What the task's malicious evaluators knew when they scored it (hidden too): whether its inference node is in the
    /// cartel and the node's previous consensus. Kept so an evaluator asked again for an escalation attacks with the same
    /// knowledge (<see cref="EscalationAnswers"/>); the previous consensus depends on the whole run before the task, so
    /// it cannot be recomputed from the task alone.
    /// </summary>
    public Attacks.AttackContext AttackContext { get; init; }
}

/// <summary>A score event; <see cref="Malicious"/> tags what the simulator knows and the pipeline does not.</summary>
public sealed record SimulatedScore(string ScoreId, string TaskId, string EvaluatorId, double Score, double LatencyMs, DateTimeOffset SubmittedAt, bool Malicious)
    : ScenarioMessage(TaskId, SubmittedAt);

/// <summary>A deliberately bad message with the dead-letter reason it should earn.</summary>
/// <param name="Key">Kafka key.</param>
/// <param name="ToTasksTopic">True for poq.tasks, false for poq.scores.</param>
/// <param name="Payload">The raw payload.</param>
/// <param name="ExpectedReason">The reason code the pipeline should give it.</param>
/// <param name="Timestamp">Record timestamp.</param>
public sealed record FaultyMessage(string Key, bool ToTasksTopic, string Payload, string ExpectedReason, DateTimeOffset Timestamp) : ScenarioMessage(Key, Timestamp);

/// <summary>
/// A clock record for every partition of both input topics: it moves stream time forward where no other record does, so
/// idle partitions still close their windows and trust epochs (README, "Time and trust").
/// </summary>
/// <param name="Timestamp">The time it stamps.</param>
public sealed record ClockTick(DateTimeOffset Timestamp) : ScenarioMessage("", Timestamp);

namespace PoQ.Simulation.Network;

/// <summary>A message the simulated network publishes; <see cref="Key"/> is the Kafka key (the task id).</summary>
/// <param name="Key">Kafka key.</param>
public abstract record ScenarioMessage(string Key);

/// <summary>A task event with the simulator's hidden truth (never published: the pipeline must not see it).</summary>
public sealed record SimulatedTask(string TaskId, string TaskType, string InferenceNodeId, DateTimeOffset SubmittedAt, double LatencyMs, IReadOnlyList<string> Evaluators, double HiddenTruth)
    : ScenarioMessage(TaskId);

/// <summary>A score event; <see cref="Malicious"/> tags what the simulator knows and the pipeline does not.</summary>
public sealed record SimulatedScore(string ScoreId, string TaskId, string EvaluatorId, double Score, double LatencyMs, DateTimeOffset SubmittedAt, bool Malicious)
    : ScenarioMessage(TaskId);

/// <summary>A deliberately bad message with the dead-letter reason it should earn.</summary>
/// <param name="Key">Kafka key.</param>
/// <param name="ToTasksTopic">True for poq.tasks, false for poq.scores.</param>
/// <param name="Payload">The raw payload.</param>
/// <param name="ExpectedReason">The reason code the pipeline should give it.</param>
public sealed record FaultyMessage(string Key, bool ToTasksTopic, string Payload, string ExpectedReason) : ScenarioMessage(Key);

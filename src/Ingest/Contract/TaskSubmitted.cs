namespace PoQ.Ingest.Contract;

/// <summary>A validated <c>poq.tasks</c> message.</summary>
/// <param name="TaskId">Task id (the Kafka key).</param>
/// <param name="TaskType">"qa" or "summarization".</param>
/// <param name="InferenceNodeId">The inference node that answered.</param>
/// <param name="SubmittedAt">When the task was submitted (event time).</param>
/// <param name="LatencyMs">The inference node's latency.</param>
/// <param name="Evaluators">The k sampled evaluators, distinct, in wire order.</param>
public sealed record TaskSubmitted(string TaskId, string TaskType, string InferenceNodeId, DateTimeOffset SubmittedAt, double LatencyMs, IReadOnlyList<string> Evaluators);

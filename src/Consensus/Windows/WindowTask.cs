namespace PoQ.Consensus.Windows;

/// <summary>A task as the window needs it.</summary>
/// <param name="TaskId">Task id.</param>
/// <param name="TaskType">"qa" or "summarization".</param>
/// <param name="InferenceNodeId">The inference node.</param>
/// <param name="SubmittedAt">Event time of the task.</param>
/// <param name="LatencyMs">The inference node's latency.</param>
/// <param name="Evaluators">The sampled evaluators.</param>
public sealed record WindowTask(string TaskId, string TaskType, string InferenceNodeId, DateTimeOffset SubmittedAt, double LatencyMs, IReadOnlyList<string> Evaluators);

namespace PoQ.Consensus.Windows;

/// <summary>A closed window: the task, the scores it accepted (in arrival order) and why it closed.</summary>
/// <typeparam name="TSource">Where each message came from (Kafka coordinates in the pipeline).</typeparam>
/// <param name="Task">The task.</param>
/// <param name="TaskSource">Source of the task message.</param>
/// <param name="Accepted">Accepted scores with their sources.</param>
/// <param name="Reason">Why it closed.</param>
/// <param name="ClosedAt">Processing time of the close.</param>
public sealed record ClosedWindow<TSource>(WindowTask Task, TSource TaskSource, IReadOnlyList<(WindowScore Score, TSource Source)> Accepted, WindowCloseReason Reason, DateTimeOffset ClosedAt);

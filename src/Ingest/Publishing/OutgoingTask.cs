using PoQ.Ingest.Contract;

namespace PoQ.Ingest.Publishing;

/// <summary>A task event for <c>poq.tasks</c>, keyed by its task id and written by <see cref="WireWriter.Task"/>.</summary>
/// <param name="Task">The task.</param>
/// <param name="Timestamp">The record timestamp.</param>
public sealed record OutgoingTask(TaskSubmitted Task, DateTimeOffset Timestamp) : OutgoingRecord(Timestamp);

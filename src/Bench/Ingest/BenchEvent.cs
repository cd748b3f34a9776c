namespace PoQ.Bench.Ingest;

/// <summary>One event row of the COPY baseline (a commit's batch of tasks) and the task index rows pointing at it.</summary>
/// <param name="StreamId">The commit's stream.</param>
/// <param name="EventId">Event id.</param>
/// <param name="Body">The binary event body, encoded by the event store's codec.</param>
/// <param name="Tasks">Task id, partition, epoch and close time of each task in it, in position order.</param>
public sealed record BenchEvent(string StreamId, Guid EventId, byte[] Body, IReadOnlyList<(string TaskId, int Partition, long Epoch, DateTimeOffset ClosedAt)> Tasks);

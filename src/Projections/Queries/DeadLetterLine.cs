namespace PoQ.Projections.Queries;

/// <summary>A dead letter as an auditor sees it.</summary>
/// <param name="Id"><c>topic/partition/offset</c>.</param>
/// <param name="Reason">Reason code.</param>
/// <param name="Error">Human-readable error.</param>
/// <param name="TaskId">The Kafka key (task id), when present.</param>
/// <param name="RecordedAt">Processing time of the rejection.</param>
public sealed record DeadLetterLine(string Id, string Reason, string Error, string? TaskId, DateTimeOffset RecordedAt);

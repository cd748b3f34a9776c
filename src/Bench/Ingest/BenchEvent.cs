namespace PoQ.Bench.Ingest;

/// <summary>One row pair of the COPY baseline: a task stream and its serialized <c>TaskFinalized</c> event.</summary>
/// <param name="StreamId">Task id (the stream id).</param>
/// <param name="EventId">Event id.</param>
/// <param name="Json">The event body, serialized by the event store's own serializer.</param>
/// <param name="Type">Marten's event type name.</param>
/// <param name="DotnetType">Marten's recorded .NET type.</param>
public sealed record BenchEvent(string StreamId, Guid EventId, string Json, string Type, string DotnetType);

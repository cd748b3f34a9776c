namespace PoQ.Ingest.Publishing;

/// <summary>
/// A payload published as given, never validated: how a deliberately bad message (a simulated fault, a test's
/// malformed JSON) reaches the topics so the pipeline has something to dead-letter.
/// </summary>
/// <param name="Key">The Kafka key.</param>
/// <param name="ToTasksTopic">True for <c>poq.tasks</c>, false for <c>poq.scores</c>.</param>
/// <param name="Payload">The payload, sent as UTF-8.</param>
/// <param name="Timestamp">The record timestamp.</param>
public sealed record OutgoingPayload(string Key, bool ToTasksTopic, string Payload, DateTimeOffset Timestamp) : OutgoingRecord(Timestamp);

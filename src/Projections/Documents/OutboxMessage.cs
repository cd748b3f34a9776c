namespace PoQ.Projections.Documents;

/// <summary>One message to publish: topic, key and JSON value.</summary>
/// <param name="Topic">Output topic.</param>
/// <param name="Key">Kafka key.</param>
/// <param name="Value">JSON payload.</param>
public sealed record OutboxMessage(string Topic, string Key, string Value);

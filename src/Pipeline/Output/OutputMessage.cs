namespace PoQ.Pipeline.Output;

/// <summary>One message to publish: topic, key and JSON value.</summary>
/// <param name="Topic">Output topic.</param>
/// <param name="Key">Kafka key.</param>
/// <param name="Value">JSON payload, UTF-8 (serialized straight to bytes: no string between the serializer and Kafka).</param>
public sealed record OutputMessage(string Topic, string Key, byte[] Value);

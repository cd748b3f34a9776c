namespace PoQ.Projections.Documents;

/// <summary>
/// Output messages of one partition's part of a committed batch (transactional outbox): written in the batch's
/// transaction, published to Kafka after the commit, deleted once delivered. A crash in between republishes them when
/// the partition is next claimed (at-least-once to the output topics; every message carries its task id or source as a key).
/// </summary>
public sealed class OutboxBatch
{
    /// <summary><c>partition:unique</c>.</summary>
    public string Id { get; set; } = "";

    /// <summary>The input partition whose owner publishes it.</summary>
    public int Partition { get; set; }

    /// <summary>The messages in publish order.</summary>
    public List<OutboxMessage> Messages { get; set; } = [];
}

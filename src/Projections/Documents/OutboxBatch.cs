namespace PoQ.Projections.Documents;

/// <summary>
/// Output messages of one committed batch (transactional outbox): written in the batch's transaction,
/// published to Kafka after the commit, deleted once delivered. A crash in between republishes them on
/// restart (at-least-once to the output topics; every message carries its task id or source as a key).
/// </summary>
public sealed class OutboxBatch
{
    /// <summary>Batch number.</summary>
    public long Id { get; set; }

    /// <summary>The messages in publish order.</summary>
    public List<OutboxMessage> Messages { get; set; } = [];
}

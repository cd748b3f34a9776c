using Confluent.Kafka;
using Marten;
using PoQ.Pipeline.Commit;
using PoQ.Projections.Documents;

namespace PoQ.Pipeline.Output;

/// <summary>
/// Publishes committed outboxes to the output topics — after the commit, so nothing is published that is not durable —
/// awaits delivery and then deletes them. A crash in between leaves them to the partition's next owner, who publishes
/// them again when it claims the partition (at-least-once, keyed by task id or source).
/// </summary>
public sealed class OutputPublisher(IProducer<string, string> producer, IDocumentStore store, Action<string> log)
{
    /// <summary>Publishes a committed batch's outboxes and deletes them.</summary>
    public async Task PublishAsync(CommittedBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Outboxes.Count == 0)
        {
            return;
        }

        await PublishAsync(batch.Outboxes, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Publishes what a partition's previous owner committed but did not publish.</summary>
    public async Task RepublishAsync(int partition, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        var pending = await session.Query<OutboxBatch>().Where(b => b.Partition == partition).ToListAsync(cancellationToken).ConfigureAwait(false);
        if (pending.Count > 0)
        {
            log($"partition {partition}: republishing {pending.Sum(p => p.Messages.Count)} output messages its previous owner committed but did not publish");
            await PublishAsync(pending, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task PublishAsync(IReadOnlyCollection<OutboxBatch> outboxes, CancellationToken cancellationToken)
    {
        await Retry.Transient(
            async () =>
            {
                var deliveries = outboxes.SelectMany(b => b.Messages).Select(m => producer.ProduceAsync(m.Topic, new Message<string, string> { Key = m.Key, Value = m.Value }, cancellationToken));
                await Task.WhenAll(deliveries).ConfigureAwait(false);
                return true;
            },
            "publish",
            log,
            cancellationToken).ConfigureAwait(false);
        await using var session = store.LightweightSession();
        foreach (var outbox in outboxes)
        {
            session.Delete<OutboxBatch>(outbox.Id);
        }

        await session.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }
}

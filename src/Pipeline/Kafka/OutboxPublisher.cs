using Confluent.Kafka;
using PoQ.Pipeline.Commit;
using PoQ.Projections.Documents;

namespace PoQ.Pipeline.Kafka;

/// <summary>
/// Publishes a committed batch's outbox to the output topics, after the commit: nothing is published that
/// is not durable. Delivery is awaited; the batch is then reported delivered so the next transaction
/// deletes it. A crash before that republishes it on restart (at-least-once, keyed by task id).
/// </summary>
public sealed class OutboxPublisher(IProducer<string, string> producer, Action<string>? log)
{
    /// <summary>Publishes every message of the batch and waits for delivery.</summary>
    public async Task PublishAsync(OutboxBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Messages.Count == 0)
        {
            return;
        }

        await TransientRetry.RunAsync(
            async () =>
            {
                var deliveries = batch.Messages.Select(m => producer.ProduceAsync(m.Topic, new Message<string, string> { Key = m.Key, Value = m.Value }, cancellationToken));
                await Task.WhenAll(deliveries).ConfigureAwait(false);
                return true;
            },
            $"publish batch {batch.Id}",
            log,
            cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}

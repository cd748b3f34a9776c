using Confluent.Kafka;
using PoQ.Ingest.Contract;
using PoQ.Ingest.Identity.Registry;

namespace PoQ.Ingest.Publishing;

/// <summary>
/// Publishes evaluator registry changes to <c>poq.registry</c>, keyed by evaluator id (so one evaluator's changes stay
/// in order), each stamped with its effective time, and waits until the broker has them all. A producer that registers
/// its evaluators this way before it publishes their scores is sure the pipeline knows the keys when it reads the
/// scores: the pipeline reads the registry to its end after every fetch of scores.
/// </summary>
public static class RegistryPublisher
{
    /// <summary>Publishes the changes in order; returns where each landed (partition, offset).</summary>
    public static async Task<IReadOnlyList<TopicPartitionOffset>> PublishAsync(IProducer<string?, byte[]> producer, IEnumerable<RegistryChange> changes, string registryTopic, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(producer);
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentException.ThrowIfNullOrWhiteSpace(registryTopic);
        var landed = new List<TopicPartitionOffset>();
        foreach (var change in changes)
        {
            var result = await producer.ProduceAsync(
                registryTopic,
                new Message<string?, byte[]> { Key = change.EvaluatorId, Value = WireWriter.Registry(change), Timestamp = new Timestamp(change.EffectiveAt) },
                cancellationToken).ConfigureAwait(false);
            landed.Add(result.TopicPartitionOffset);
        }

        return landed;
    }
}

using Confluent.Kafka;
using PoQ.Ingest.Contract;
using PoQ.Ingest.Publishing;
using PoQ.Simulation.Network;

namespace PoQ.SimulatedFeed;

/// <summary>
/// Publishes simulated messages the way a signing network does: first the pool's registrations to <c>poq.registry</c>
/// (acknowledged by the broker), then the records with every score signed. One driver for the simulator, the demo, the
/// benches, chaos and the tests, so signed traffic is what they all send.
/// </summary>
public static class SignedFeed
{
    /// <summary>How long before the first record the pool's keys take effect.</summary>
    public static readonly TimeSpan RegistrationLead = TimeSpan.FromSeconds(1);

    /// <summary>Registers <paramref name="evaluators"/> pool evaluators, then publishes <paramref name="messages"/> signed (unless not <paramref name="sign"/>); returns the records published.</summary>
    public static async Task<long> PublishAsync(
        IProducer<string?, byte[]> producer,
        IEnumerable<ScenarioMessage> messages,
        int evaluators,
        DateTimeOffset start,
        TopicNames topics,
        int partitions,
        double rate,
        IProgress<long>? progress,
        CancellationToken cancellationToken,
        bool sign = true)
    {
        ArgumentNullException.ThrowIfNull(topics);
        if (!sign)
        {
            // Wire contract v1, for a pipeline run with --allow-unsigned (the bench prices the checks this way).
            return await WirePublisher.PublishAsync(producer, SimulatedRecords.Of(messages), topics.Tasks, topics.Scores, partitions, rate, progress, cancellationToken).ConfigureAwait(false);
        }

        using var identities = new SimulatedIdentities();
        await RegisterAsync(producer, identities, evaluators, start, topics, cancellationToken).ConfigureAwait(false);
        return await WirePublisher.PublishAsync(producer, SimulatedRecords.Of(messages, identities), topics.Tasks, topics.Scores, partitions, rate, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Publishes the registrations of the pool's evaluators, effective <see cref="RegistrationLead"/> before <paramref name="start"/>.</summary>
    public static Task RegisterAsync(IProducer<string?, byte[]> producer, SimulatedIdentities identities, int evaluators, DateTimeOffset start, TopicNames topics, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identities);
        ArgumentNullException.ThrowIfNull(topics);
        return RegistryPublisher.PublishAsync(producer, identities.Registrations(evaluators, start - RegistrationLead), topics.Registry, cancellationToken);
    }
}

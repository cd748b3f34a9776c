using Confluent.Kafka;
using PoQ.Hosting.Kafka;
using PoQ.Ingest.Contract;
using PoQ.Ingest.Publishing;
using PoQ.SimulatedFeed;
using PoQ.Simulation.Network;

namespace PoQ.Chaos;

/// <summary>Publishes the soak's log live at a rate, patient enough that a broker outage never drops input on the producing side.</summary>
public static class LogPublisher
{
    /// <summary>Registers the pool's <paramref name="evaluators"/>, then publishes <paramref name="messages"/> signed at <paramref name="rate"/> messages/s; returns how many.</summary>
    public static async Task<long> PublishAsync(string bootstrap, IReadOnlyList<ScenarioMessage> messages, int evaluators, DateTimeOffset start, int partitions, double rate, CancellationToken cancellationToken)
    {
        var config = KafkaClientDefaults.Producer(bootstrap);
        config.MessageTimeoutMs = 300_000; // five minutes of delivery patience
        using var producer = new ProducerBuilder<string?, byte[]>(config)
            .SetLogHandler((_, _) => { }) // "connection refused" every 100 ms of a broker outage is the point, not news
            .Build();
        return await SignedFeed.PublishAsync(producer, messages, evaluators, start, TopicNames.Default, partitions, rate, null, cancellationToken).ConfigureAwait(false);
    }
}

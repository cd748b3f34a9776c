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
    /// <summary>Publishes <paramref name="messages"/> at <paramref name="rate"/> messages/s; returns how many.</summary>
    public static async Task<long> PublishAsync(string bootstrap, IReadOnlyList<ScenarioMessage> messages, int partitions, double rate, CancellationToken cancellationToken)
    {
        var config = KafkaClientDefaults.Producer(bootstrap);
        config.MessageTimeoutMs = 300_000; // five minutes of delivery patience
        using var producer = new ProducerBuilder<string?, byte[]>(config)
            .SetLogHandler((_, _) => { }) // "connection refused" every 100 ms of a broker outage is the point, not news
            .Build();
        return await WirePublisher.PublishAsync(producer, SimulatedRecords.Of(messages), TopicNames.Default.Tasks, TopicNames.Default.Scores, partitions, rate, null, cancellationToken).ConfigureAwait(false);
    }
}

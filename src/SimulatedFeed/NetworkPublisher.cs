using Confluent.Kafka;
using PoQ.Hosting.Kafka;
using PoQ.Ingest.Contract;
using PoQ.Ingest.Publishing;
using PoQ.Simulation.Network;

namespace PoQ.SimulatedFeed;

/// <summary>Publishes a simulated network into a broker's input topics (<c>poq simulate</c>, <c>poq demo</c>).</summary>
public static class NetworkPublisher
{
    private static readonly TimeSpan MetadataTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// <paramref name="scenario"/> as it may be published to <paramref name="bootstrap"/>: when the topics already hold
    /// records, its clock starts at the whole minute a minute after the latest of them (a pipeline's stream time never goes
    /// back); <c>Latest</c> is that record's time, null when the topics are empty or already behind the scenario.
    /// </summary>
    public static (NetworkScenarioOptions Scenario, DateTimeOffset? Latest) AfterLogTail(string bootstrap, NetworkScenarioOptions scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var topics = TopicNames.Default;
        if (LogTail.LatestTimestamp(bootstrap, [topics.Tasks, topics.Scores], MetadataTimeout) is not { } latest || latest < scenario.Start)
        {
            return (scenario, null);
        }

        var start = latest.AddMinutes(1);
        return (scenario with { Start = new DateTimeOffset(start.Year, start.Month, start.Day, start.Hour, start.Minute, 0, TimeSpan.Zero).AddMinutes(1) }, latest);
    }

    /// <summary>Messages <paramref name="scenario"/> publishes, about (for a progress bar's length).</summary>
    public static long ExpectedMessages(NetworkScenarioOptions scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return (long)Math.Ceiling(scenario.Tasks * (scenario.K + 1 + scenario.BadMessageRatio));
    }

    /// <summary>Publishes <paramref name="scenario"/> at <paramref name="rate"/> messages/s (0: as fast as the broker takes them); returns how many.</summary>
    public static Task<long> PublishAsync(string bootstrap, NetworkScenarioOptions scenario, double rate, IProgress<long>? progress, CancellationToken cancellationToken) =>
        PublishMessagesAsync(bootstrap, scenario, NetworkScenario.Generate(scenario), rate, progress, cancellationToken);

    /// <summary>
    /// Publishes <paramref name="scenario"/> like <see cref="PublishAsync(string, NetworkScenarioOptions, double, IProgress{long}?, CancellationToken)"/>
    /// but for its closing clock record, which it returns instead of sending, and hands each task to
    /// <paramref name="publishing"/> just before it is sent (an escalation responder learns the tasks it may be asked
    /// about, and no request for a task can arrive before the task is known). The closing clock moves every partition a
    /// final tick ahead at once — past the deadlines of the last tasks' escalations — so the caller sends it
    /// (<see cref="PublishClockAsync"/>) once their answers had their time.
    /// </summary>
    public static async Task<(long Published, ClockTick Closing)> PublishHoldingClosingClockAsync(
        string bootstrap, NetworkScenarioOptions scenario, double rate, Action<SimulatedTask> publishing, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(publishing);
        ClockTick? closing = null;

        // Generate is lazy and the publisher pulls one message at a time, so a task is remembered right before it is
        // produced; the generator's last message is always its closing clock.
        IEnumerable<ScenarioMessage> AllButTheClosingClock()
        {
            ScenarioMessage? previous = null;
            foreach (var message in NetworkScenario.Generate(scenario))
            {
                if (previous is not null)
                {
                    yield return previous;
                }

                if (message is SimulatedTask task)
                {
                    publishing(task);
                }

                previous = message;
            }

            closing = previous as ClockTick ?? throw new InvalidOperationException("a scenario ends with its closing clock record");
        }

        long published = await PublishMessagesAsync(bootstrap, scenario, AllButTheClosingClock(), rate, progress, cancellationToken).ConfigureAwait(false);
        return (published, closing!);
    }

    /// <summary>Publishes one clock record to every partition of both input topics.</summary>
    public static async Task PublishClockAsync(string bootstrap, ClockTick clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var (producer, partitions) = Open(bootstrap);
        using (producer)
        {
            await WirePublisher.PublishAsync(producer, [SimulatedRecords.Of(clock)], TopicNames.Default.Tasks, TopicNames.Default.Scores, partitions, 0, null, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<long> PublishMessagesAsync(string bootstrap, NetworkScenarioOptions scenario, IEnumerable<ScenarioMessage> messages, double rate, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var (producer, partitions) = Open(bootstrap);
        using (producer)
        {
            return await SignedFeed.PublishAsync(
                producer, messages, scenario.Evaluators, scenario.Start, TopicNames.Default, partitions, rate, progress, cancellationToken).ConfigureAwait(false);
        }
    }

    // The simulator's producer and the input topics' partition count (records are spread over them by task id).
    private static (IProducer<string?, byte[]> Producer, int Partitions) Open(string bootstrap) =>
        (new ProducerBuilder<string?, byte[]>(KafkaClientDefaults.Producer(bootstrap, "poq-simulate")).Build(),
         KafkaPartitions.Of(bootstrap, TopicNames.Default.Tasks, MetadataTimeout).Count);
}

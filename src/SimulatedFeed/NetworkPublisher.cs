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
        PublishAsync(bootstrap, scenario, rate, null, progress, cancellationToken);

    /// <summary>
    /// Publishes <paramref name="scenario"/> like the overload without <paramref name="publishing"/>, handing each task
    /// to <paramref name="publishing"/> just before it is sent (an escalation responder learns the tasks it may be asked
    /// about, and no request for a task can arrive before the task is known).
    /// </summary>
    public static async Task<long> PublishAsync(string bootstrap, NetworkScenarioOptions scenario, double rate, Action<SimulatedTask>? publishing, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var topics = TopicNames.Default;
        int partitions = KafkaPartitions.Of(bootstrap, topics.Tasks, MetadataTimeout).Count;
        using var producer = new ProducerBuilder<string?, byte[]>(KafkaClientDefaults.Producer(bootstrap, "poq-simulate")).Build();
        var messages = NetworkScenario.Generate(scenario);
        if (publishing is not null)
        {
            // Generate is lazy and the publisher pulls one message at a time, so this runs right before the task is produced.
            messages = messages.Select(message =>
            {
                if (message is SimulatedTask task)
                {
                    publishing(task);
                }

                return message;
            });
        }

        return await SignedFeed.PublishAsync(
            producer, messages, scenario.Evaluators, scenario.Start, topics, partitions, rate, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The scenario to publish while escalations are answered: without its final clock, which would move every
    /// partition's stream time a <see cref="NetworkScenarioOptions.FinalTick"/> ahead at once — past the deadlines of the
    /// last tasks' escalations before their answers could arrive. <see cref="PublishFinalClockAsync"/> sends it later.
    /// </summary>
    public static NetworkScenarioOptions WithoutFinalClock(NetworkScenarioOptions scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return scenario with { FinalTick = TimeSpan.Zero };
    }

    /// <summary>
    /// Publishes <paramref name="scenario"/>'s closing clock record (after all its messages, plus its final tick) to every
    /// partition of both input topics: the windows still open close.
    /// </summary>
    public static async Task PublishFinalClockAsync(string bootstrap, NetworkScenarioOptions scenario, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var topics = TopicNames.Default;
        int partitions = KafkaPartitions.Of(bootstrap, topics.Tasks, MetadataTimeout).Count;
        using var producer = new ProducerBuilder<string?, byte[]>(KafkaClientDefaults.Producer(bootstrap, "poq-simulate")).Build();

        // Every message of a task is stamped within a second of it; the closing clock comes a final tick after that.
        var at = scenario.Start + (scenario.TaskInterval * scenario.Tasks) + TimeSpan.FromSeconds(1) + scenario.FinalTick;
        await WirePublisher.PublishAsync(producer, [new OutgoingClock(at)], topics.Tasks, topics.Scores, partitions, 0, null, cancellationToken).ConfigureAwait(false);
    }
}

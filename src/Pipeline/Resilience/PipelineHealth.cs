namespace PoQ.Pipeline.Resilience;

/// <summary>
/// The availability of an instance's two dependencies and the policies that ride through their outages. The database
/// has a budget (<see cref="PipelineOptions.MaxOutage"/>): past it the instance stops with one line. The broker has
/// none: librdkafka reconnects by itself and nothing is lost while it waits, so a broker outage never stops the
/// pipeline — it is reported, and consumption resumes at the committed position.
/// </summary>
public sealed class PipelineHealth
{
    /// <summary>Creates the trackers and policies.</summary>
    public PipelineHealth(TimeSpan maxOutage, TimeProvider clock, Action<string> log, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(log);
        Database = new Outage("database", maxOutage, clock);
        Broker = new Outage("broker", Timeout.InfiniteTimeSpan, clock);
        DatabasePolicy = new OutagePolicy(Database, PostgresFaults.IsTransient, log, seed, clock);
        BrokerPolicy = new OutagePolicy(Broker, KafkaFaults.IsTransient, log, seed + 1, clock);
    }

    /// <summary>PostgreSQL, as the commits, the publisher's outbox and the epoch coordinator see it.</summary>
    public Outage Database { get; }

    /// <summary>Kafka, as the consumer and the producer see it.</summary>
    public Outage Broker { get; }

    /// <summary>Retries database work within the outage budget.</summary>
    public OutagePolicy DatabasePolicy { get; }

    /// <summary>Retries broker work for as long as the broker is away.</summary>
    public OutagePolicy BrokerPolicy { get; }
}

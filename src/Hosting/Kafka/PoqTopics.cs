namespace PoQ.Hosting.Kafka;

/// <summary>The topic names of the wire contract (design.md, "Wire contract (v1)"); every message is keyed by taskId.</summary>
public static class PoqTopics
{
    /// <summary>Inference results to be scored.</summary>
    public const string Tasks = "poq.tasks";

    /// <summary>Evaluator scores; co-partitioned with <see cref="Tasks"/> so a task and its scores meet in one partition.</summary>
    public const string Scores = "poq.scores";

    /// <summary>One consensus per closed task window.</summary>
    public const string Consensus = "poq.consensus";

    /// <summary>Cost-aware rewards.</summary>
    public const string Rewards = "poq.rewards";

    /// <summary>Rejected input with a reason code and its source topic/partition/offset.</summary>
    public const string DeadLetter = "poq.deadletter";

    /// <summary>
    /// Default partition count. Many partitions because the embedded broker keeps only ~5 MiB per partition
    /// (≈ 35k score messages each; 64 partitions ≈ 2.2M in flight) — and it is the unit of parallelism anyway.
    /// </summary>
    public const int DefaultPartitions = 64;

    /// <summary>All five topics, inputs first.</summary>
    public static IReadOnlyList<string> All { get; } = [Tasks, Scores, Consensus, Rewards, DeadLetter];

    /// <summary>
    /// Creates every PoQ topic on <paramref name="broker"/> with the same partition count, which is what keeps
    /// tasks and scores co-partitioned (the default partitioner maps a key to the same partition number in both).
    /// Returns the topics that already existed (left as they were).
    /// </summary>
    public static IReadOnlyList<string> EnsureTopics(EmbeddedKafkaBroker broker, int partitions = DefaultPartitions)
    {
        ArgumentNullException.ThrowIfNull(broker);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        var existing = new List<string>();
        foreach (string topic in All)
        {
            if (!broker.CreateTopic(topic, partitions))
            {
                existing.Add(topic);
            }
        }

        return existing;
    }
}

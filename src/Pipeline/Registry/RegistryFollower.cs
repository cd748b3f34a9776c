using Confluent.Kafka;
using PoQ.Hosting.Kafka;
using PoQ.Ingest.Contract;
using PoQ.Ingest.Identity.Registry;
using PoQ.Pipeline.Kafka;
using PoQ.Pipeline.Model;

namespace PoQ.Pipeline.Registry;

/// <summary>
/// Keeps an instance's <see cref="KeyRegistry"/> up to date with <c>poq.registry</c>, which every instance reads whole
/// (a global table, not a group member). <see cref="Sync"/> reads the topic up to the end the broker reports at the
/// moment of the call: the record source calls it after each fetch of input, so any registration a producer had
/// published before those scores (and had acknowledged) is applied before the scores are judged. Because a change takes
/// effect at its record's log time, the judgement of a score is then the same whoever reads it and whenever.
/// The end is asked through <see cref="EndOffsets"/> — an admin client's connection, not this follower's consumer's:
/// a consumer's offset query queues on its connection behind its in-flight fetch, which an idle registry holds for
/// <c>fetch.wait.max.ms</c>, so each sync (after every read of input) took 10 ms at the median and 21 ms at the 99th
/// percentile, two queries of both watermarks, on the thread that reads for every lane. Thread safe (one sync at a time).
/// </summary>
public sealed class RegistryFollower : IDisposable
{
    private readonly IConsumer<string?, byte[]> consumer;
    private readonly EndOffsets endOffsets;
    private readonly string topic;
    private readonly Lock gate = new();
    private readonly Dictionary<int, long> next = [];
    private List<TopicPartition>? partitions;
    private bool disposed;

    /// <summary>Creates a follower of <paramref name="topic"/> applying to <paramref name="registry"/>.</summary>
    public RegistryFollower(string bootstrap, string topic, KeyRegistry registry, string instanceId, EndOffsets endOffsets)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(endOffsets);
        this.topic = topic;
        this.endOffsets = endOffsets;
        Registry = registry;
        var config = KafkaClientDefaults.Consumer(bootstrap, "poq-registry", partitionEof: true);
        config.ClientId = $"{instanceId}/registry";
        consumer = new ConsumerBuilder<string?, byte[]>(config).Build();
    }

    /// <summary>The registry this follower keeps.</summary>
    public KeyRegistry Registry { get; }

    /// <summary>False when the registry topic does not exist (then every signed score is from an unknown evaluator).</summary>
    public bool TopicExists { get; private set; } = true;

    /// <summary>
    /// Reads the topic to the end the broker reports now, applying each change; returns what it read (for recording).
    /// Throws <see cref="KafkaException"/> when the broker cannot be asked, and <see cref="TimeoutException"/> when the
    /// records up to that end did not arrive within <paramref name="timeout"/>.
    /// </summary>
    public IReadOnlyList<RegistryRead> Sync(TimeSpan timeout)
    {
        lock (gate)
        {
            // A sync that starts after the instance stopped has nothing to judge any more.
            if (disposed || !Assign(timeout))
            {
                return [];
            }

            var answered = endOffsets.Query(partitions!, timeout);
            var ends = new Dictionary<int, long>();
            foreach (var partition in partitions!)
            {
                if (!answered.TryGetValue(partition, out long end))
                {
                    throw new KafkaException(new Error(ErrorCode.Local_Transport, $"{topic} [{partition.Partition.Value}]: the broker did not report the registry's end"));
                }

                if (next[partition.Partition] < end)
                {
                    ends[partition.Partition] = end;
                }
            }

            var read = new List<RegistryRead>();
            var deadline = DateTime.UtcNow + timeout;
            while (ends.Count > 0)
            {
                var remaining = deadline - DateTime.UtcNow;
                if (remaining <= TimeSpan.Zero)
                {
                    throw new TimeoutException($"{topic}: the registry's records up to its end did not arrive within {timeout.TotalSeconds:0.#} s");
                }

                var result = consumer.Consume(remaining < NothingYet ? remaining : NothingYet);
                if (result is null)
                {
                    SkipDeleted(ends, timeout);
                    continue;
                }

                int p = result.Partition.Value;

                // At the end the reader's position counts, not its last message: a registry written in transactions
                // ends with a commit marker, a control record no consumer receives, below the end the broker reports.
                next[p] = Math.Max(next[p], result.IsPartitionEOF ? result.Offset.Value : result.Offset.Value + 1);
                if (ends.TryGetValue(p, out long end) && next[p] >= end)
                {
                    ends.Remove(p);
                }

                if (result.IsPartitionEOF)
                {
                    continue;
                }

                read.Add(Apply(new KafkaRecord(result.Topic, p, result.Offset.Value, result.Message.Key, result.Message.Value ?? [], result.Message.Timestamp.UtcDateTime)));
            }

            return read;
        }
    }

    // How long a sync waits for a record before it asks whether the records it waits for were deleted.
    private static readonly TimeSpan NothingYet = TimeSpan.FromMilliseconds(500);

    // Records the broker deleted (retention) are not waited for: the consumer resumes at the log's start by itself
    // (auto.offset.reset = earliest), and what lies below the start counts as read. Asked only when the records are late,
    // which they are not in a live deployment: the end query is the one each sync pays.
    private void SkipDeleted(Dictionary<int, long> ends, TimeSpan timeout)
    {
        foreach (var (partition, end) in ends.ToList())
        {
            long start = consumer.QueryWatermarkOffsets(new TopicPartition(topic, partition), timeout).Low.Value;
            if (next[partition] < start)
            {
                next[partition] = start;
                if (start >= end)
                {
                    ends.Remove(partition);
                }
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        // Under the lock: a sync in flight on the record source's worker finishes first.
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            consumer.Close();
            consumer.Dispose();
        }
    }

    private RegistryRead Apply(KafkaRecord record)
    {
        var parsed = WireParser.ParseRegistry(record.Value, record.Timestamp);
        if (!parsed.IsValid)
        {
            return new RegistryRead(record, null, parsed.Rejection);
        }

        if (record.Key != parsed.Value!.EvaluatorId)
        {
            // Keyed by evaluator so that one evaluator's changes stay in one partition, in order.
            return new RegistryRead(record, null, new Rejection(ReasonCodes.KeyMismatch, $"key = '{WireEcho.Quoted(record.Key)}': a registry record's Kafka key must be its evaluatorId ('{parsed.Value.EvaluatorId}')", "key"));
        }

        var refused = Registry.Apply(parsed.Value);
        return refused is null ? new RegistryRead(record, parsed.Value, null) : new RegistryRead(record, null, refused);
    }

    private bool Assign(TimeSpan timeout)
    {
        if (partitions is not null)
        {
            return true;
        }

        using var admin = new DependentAdminClientBuilder(consumer.Handle).Build();
        var metadata = admin.GetMetadata(topic, timeout).Topics.SingleOrDefault(t => t.Topic == topic);
        if (metadata is null || metadata.Error.IsError || metadata.Partitions.Count == 0)
        {
            TopicExists = false;
            return false;
        }

        TopicExists = true;
        partitions = [.. metadata.Partitions.Select(p => new TopicPartition(topic, p.PartitionId)).OrderBy(p => p.Partition.Value)];
        foreach (var partition in partitions)
        {
            next[partition.Partition] = 0;
        }

        consumer.Assign(partitions.Select(p => new TopicPartitionOffset(p, Offset.Beginning)));
        return true;
    }
}

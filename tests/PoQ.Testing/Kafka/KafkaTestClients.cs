using Confluent.Kafka;
using PoQ.Hosting.Kafka;

namespace PoQ.Testing.Kafka;

/// <summary>Small blocking helpers for integration tests against a real Kafka-protocol broker.</summary>
public static class KafkaTestClients
{
    /// <summary>
    /// Reads every partition of <paramref name="topic"/> from <paramref name="start"/> (default: the beginning) to its
    /// current end with a manually assigned consumer; throws <see cref="TimeoutException"/> after
    /// <paramref name="timeout"/> (default 20 s).
    /// </summary>
    public static IReadOnlyList<ConsumeResult<string, string>> ReadAll(string bootstrapServers, string topic, int partitions, Offset? start = null, TimeSpan? timeout = null)
    {
        var startOffsets = Enumerable.Range(0, partitions).ToDictionary(p => p, _ => start ?? Offset.Beginning);
        return Read(bootstrapServers, topic, startOffsets, timeout ?? TimeSpan.FromSeconds(20));
    }

    /// <summary>Reads the given partitions from the given offsets to their current end (partition EOF).</summary>
    public static IReadOnlyList<ConsumeResult<string, string>> Read(string bootstrapServers, string topic, IReadOnlyDictionary<int, Offset> startOffsets, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(startOffsets);
        var config = KafkaClientDefaults.Consumer(bootstrapServers, "poq-test-reader", partitionEof: true);
        using var consumer = new ConsumerBuilder<string, string>(config).Build();
        KafkaPartitions.AssignAt(consumer, topic, startOffsets);
        var results = new List<ConsumeResult<string, string>>();
        var atEnd = new HashSet<int>();
        var deadline = DateTime.UtcNow + timeout;
        while (atEnd.Count < startOffsets.Count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Read {results.Count} messages of {topic}; {startOffsets.Count - atEnd.Count} partitions never reached their end.");
            }

            var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (result is null)
            {
                continue;
            }

            if (result.IsPartitionEOF)
            {
                atEnd.Add(result.Partition.Value);
            }
            else
            {
                atEnd.Remove(result.Partition.Value);
                results.Add(result);
            }
        }

        consumer.Close();
        return results;
    }
}

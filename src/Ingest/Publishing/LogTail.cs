using Confluent.Kafka;

namespace PoQ.Ingest.Publishing;

/// <summary>
/// The latest record timestamp in the input topics: a simulator that publishes into topics that already hold a run
/// starts its clock after it, so the log's time keeps moving forward (a pipeline's stream time never goes back).
/// </summary>
public static class LogTail
{
    /// <summary>The largest timestamp of the last record of every partition of <paramref name="topics"/>; null when all are empty.</summary>
    public static DateTimeOffset? LatestTimestamp(string bootstrap, IEnumerable<string> topics, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(topics);
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrap }).Build();
        var metadata = admin.GetMetadata(timeout);
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = bootstrap, GroupId = "poq-log-tail", EnableAutoCommit = false }).Build();
        var wanted = topics.ToHashSet(StringComparer.Ordinal);
        var last = new List<TopicPartitionOffset>();
        foreach (var topic in metadata.Topics.Where(t => wanted.Contains(t.Topic)))
        {
            foreach (var partition in topic.Partitions)
            {
                var tp = new TopicPartition(topic.Topic, partition.PartitionId);
                var bounds = consumer.QueryWatermarkOffsets(tp, timeout);
                if (bounds.High.Value > bounds.Low.Value)
                {
                    last.Add(new TopicPartitionOffset(tp, bounds.High.Value - 1));
                }
            }
        }

        if (last.Count == 0)
        {
            return null;
        }

        consumer.Assign(last);
        DateTimeOffset? latest = null;
        var deadline = DateTime.UtcNow + timeout;
        int seen = 0;
        while (seen < last.Count && DateTime.UtcNow < deadline)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (result is null)
            {
                continue;
            }

            seen++;
            var stamp = DateTimeOffset.FromUnixTimeMilliseconds(result.Message.Timestamp.UnixTimestampMs);
            latest = latest is null || stamp > latest ? stamp : latest;
            consumer.Pause([result.TopicPartition]);
        }

        return latest;
    }
}

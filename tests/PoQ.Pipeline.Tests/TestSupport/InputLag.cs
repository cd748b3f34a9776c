using Confluent.Kafka;
using Npgsql;
using PoQ.Hosting.Kafka;
using PoQ.Pipeline.Checkpoints;

namespace PoQ.Pipeline.Tests.TestSupport;

/// <summary>How many input records on the broker are below no stored checkpoint watermark.</summary>
public static class InputLag
{
    /// <summary>Σ over the input partitions of (high watermark − checkpoint watermark); a partition never read counts from its low watermark.</summary>
    public static async Task<long> OfAsync(string bootstrap, string connectionString, string tasksTopic, string scoresTopic)
    {
        IReadOnlyList<(int Partition, long? Tasks, long? Scores)> marks;
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            marks = await CheckpointStore.WatermarksAsync(connection, CancellationToken.None);
        }

        using var consumer = new ConsumerBuilder<Ignore, Ignore>(KafkaClientDefaults.Consumer(bootstrap, "poq-test-lag")).Build();
        long lag = 0;
        foreach (string topic in new[] { tasksTopic, scoresTopic })
        {
            foreach (int partition in KafkaPartitions.Of(bootstrap, topic, TimeSpan.FromSeconds(10)))
            {
                var bounds = consumer.QueryWatermarkOffsets(new TopicPartition(topic, partition), TimeSpan.FromSeconds(10));
                var mark = marks.SingleOrDefault(m => m.Partition == partition);
                long from = (topic == tasksTopic ? mark.Tasks : mark.Scores) ?? bounds.Low.Value;
                lag += Math.Max(0, bounds.High.Value - from);
            }
        }

        return lag;
    }
}

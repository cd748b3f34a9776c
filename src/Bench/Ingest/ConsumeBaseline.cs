using System.Diagnostics;
using Confluent.Kafka;
using PoQ.Pipeline.Kafka;

namespace PoQ.Bench.Ingest;

/// <summary>
/// Baseline 1: the fastest the pipeline could read its input. A plain Confluent consumer with the pipeline's own
/// consumer settings (<see cref="KafkaSettings.Consumer"/>), assigned every partition of both input topics from
/// the beginning, reads until it has seen every published message; nothing is parsed or kept.
/// </summary>
public static class ConsumeBaseline
{
    private static readonly TimeSpan Stall = TimeSpan.FromSeconds(30);

    /// <summary>Reads <paramref name="messages"/> messages; returns the elapsed time.</summary>
    public static TimeSpan Run(string bootstrap, IReadOnlyList<TopicPartition> partitions, long messages, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var config = KafkaSettings.Consumer(bootstrap, "poq-bench-consume", "poq-bench-consume");
        config.EnablePartitionEof = false; // every result counted is a message
        using var consumer = new ConsumerBuilder<string?, byte[]>(config).Build();
        var clock = Stopwatch.StartNew();
        consumer.Assign(partitions.Select(p => new TopicPartitionOffset(p, Offset.Beginning)));
        long read = 0;
        var lastRead = Stopwatch.StartNew();
        while (read < messages)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var result = consumer.Consume(TimeSpan.FromMilliseconds(100));
            if (result is null)
            {
                if (lastRead.Elapsed > Stall)
                {
                    throw new InvalidOperationException($"baseline consumer stalled at {read:N0} of {messages:N0} messages");
                }

                continue;
            }

            read++;
            lastRead.Restart();
            if (read % 10_000 == 0)
            {
                progress?.Report(read);
            }
        }

        var elapsed = clock.Elapsed;
        progress?.Report(read);
        consumer.Close();
        return elapsed;
    }
}

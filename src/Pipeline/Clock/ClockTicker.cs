using Confluent.Kafka;
using PoQ.Ingest.Contract;

namespace PoQ.Pipeline.Clock;

/// <summary>
/// <c>poq run --clock-interval</c>: writes a clock record stamped with the wall clock into every partition of both input
/// topics at a fixed interval, for deployments whose producers stamp wall-clock time — an idle partition then still
/// closes its windows and lets trust epochs close. The records are part of the log, so every instance (and every later
/// replay of the log) sees the same time; nothing reads a local timer to decide a payout.
/// </summary>
public sealed class ClockTicker(IProducer<string, byte[]> producer, TopicNames topics, int partitions, TimeProvider clock, TimeSpan interval)
{
    /// <summary>Runs until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval, clock);
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            var stamp = new Timestamp(clock.GetUtcNow());
            for (int partition = 0; partition < partitions; partition++)
            {
                foreach (string topic in new[] { topics.Tasks, topics.Scores })
                {
                    producer.Produce(new TopicPartition(topic, partition), new Message<string, byte[]> { Key = null!, Value = ClockRecord.PayloadBytes(), Timestamp = stamp });
                }
            }
        }
    }
}

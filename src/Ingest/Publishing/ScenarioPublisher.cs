using System.Diagnostics;
using Confluent.Kafka;
using PoQ.Simulation.Network;

namespace PoQ.Ingest.Publishing;

/// <summary>
/// Publishes a simulated network to Kafka at a target rate (messages per second; 0 = as fast as the broker
/// takes them), reporting progress. Keys are task ids, so a task's scores share a partition number with it.
/// </summary>
public static class ScenarioPublisher
{
    /// <summary>Publishes every message; returns the count published.</summary>
    public static async Task<long> PublishAsync(
        IProducer<string, byte[]> producer,
        IEnumerable<ScenarioMessage> messages,
        string tasksTopic,
        string scoresTopic,
        double ratePerSecond,
        IProgress<long>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(producer);
        ArgumentNullException.ThrowIfNull(messages);
        var clock = Stopwatch.StartNew();
        long sent = 0;
        Exception? failure = null;
        foreach (var message in messages)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (toTasks, key, payload) = ScenarioWire.ToWire(message);
            while (true)
            {
                try
                {
                    producer.Produce(toTasks ? tasksTopic : scoresTopic, new Message<string, byte[]> { Key = key, Value = payload }, report =>
                    {
                        if (report.Error.IsError)
                        {
                            failure ??= new KafkaException(report.Error);
                        }
                    });
                    break;
                }
                catch (ProduceException<string, byte[]> full) when (full.Error.Code == ErrorCode.Local_QueueFull)
                {
                    producer.Poll(TimeSpan.FromMilliseconds(50));
                }
            }

            sent++;
            if (failure is not null)
            {
                throw failure;
            }

            if (sent % 1_000 == 0)
            {
                progress?.Report(sent);
            }

            if (ratePerSecond > 0)
            {
                double ahead = (sent / ratePerSecond) - clock.Elapsed.TotalSeconds;
                if (ahead > 0.005)
                {
                    await Task.Delay(TimeSpan.FromSeconds(ahead), cancellationToken).ConfigureAwait(false);
                }
            }
        }

        producer.Flush(cancellationToken);
        progress?.Report(sent);
        return failure is null ? sent : throw failure;
    }
}

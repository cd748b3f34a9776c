using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using PoQ.Ingest.Contract;

namespace PoQ.Ingest.Publishing;

/// <summary>
/// Publishes input records to Kafka at a target rate (records per second; 0 = as fast as the broker takes them),
/// reporting progress. Keys are task ids, so a task's scores share a partition number with it; every record carries its
/// producer's timestamp (CreateTime), and a clock becomes one clock record in each partition of both topics.
/// </summary>
public static class WirePublisher
{
    /// <summary>Publishes every record; returns the count of records handed in (a clock counts once).</summary>
    public static async Task<long> PublishAsync(
        IProducer<string?, byte[]> producer,
        IEnumerable<OutgoingRecord> messages,
        string tasksTopic,
        string scoresTopic,
        int partitions,
        double ratePerSecond,
        IProgress<long>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(producer);
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        var clock = Stopwatch.StartNew();
        long sent = 0;
        Exception? failure = null;
        void Report(DeliveryReport<string?, byte[]> report)
        {
            if (report.Error.IsError)
            {
                failure ??= new KafkaException(report.Error);
            }
        }

        foreach (var message in messages)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var timestamp = new Timestamp(message.Timestamp);
            if (message is OutgoingClock)
            {
                for (int partition = 0; partition < partitions; partition++)
                {
                    Produce(producer, new TopicPartition(tasksTopic, partition), new Message<string?, byte[]> { Key = null, Value = ClockRecord.PayloadBytes(), Timestamp = timestamp }, Report);
                    Produce(producer, new TopicPartition(scoresTopic, partition), new Message<string?, byte[]> { Key = null, Value = ClockRecord.PayloadBytes(), Timestamp = timestamp }, Report);
                }
            }
            else
            {
                var (toTasks, key, payload) = ToWire(message);
                Produce(producer, new TopicPartition(toTasks ? tasksTopic : scoresTopic, Partition.Any), new Message<string?, byte[]> { Key = key, Value = payload, Timestamp = timestamp }, Report);
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

    private static (bool ToTasksTopic, string Key, byte[] Payload) ToWire(OutgoingRecord message) => message switch
    {
        OutgoingTask task => (true, task.Task.TaskId, WireWriter.Task(task.Task)),
        OutgoingScore score => (false, score.Score.TaskId, WireWriter.Score(score.Score)),
        OutgoingPayload raw => (raw.ToTasksTopic, raw.Key, Encoding.UTF8.GetBytes(raw.Payload)),
        _ => throw new ArgumentOutOfRangeException(nameof(message), message, "no single-topic wire form (clocks go to every partition)"),
    };

    private static void Produce(IProducer<string?, byte[]> producer, TopicPartition target, Message<string?, byte[]> message, Action<DeliveryReport<string?, byte[]>> report)
    {
        while (true)
        {
            try
            {
                producer.Produce(target, message, report);
                return;
            }
            catch (ProduceException<string?, byte[]> full) when (full.Error.Code == ErrorCode.Local_QueueFull)
            {
                producer.Poll(TimeSpan.FromMilliseconds(50));
            }
        }
    }
}

using Akka;
using Akka.Streams.Dsl;
using Akka.Util;
using Confluent.Kafka;
using PoQ.Pipeline.Model;
using PoQ.Pipeline.Offsets;

namespace PoQ.Pipeline.Kafka;

/// <summary>
/// The Kafka source of the graph: a consumer owned outside the graph (disposing it inside breaks offset
/// handling), read in batches on a worker thread so the blocking poll never runs on a stage. Backpressure:
/// the next batch is read only when downstream pulls. Records already handled before a restart are skipped
/// here, before they can have an effect. Offset-out-of-range (data deleted on the broker) is never followed
/// silently: it is reported through <paramref name="onDataLoss"/> and reading resumes at the earliest offset.
/// </summary>
public static class KafkaRecordSource
{
    /// <summary>Creates the source.</summary>
    public static Source<KafkaRecord, NotUsed> Create(IConsumer<string?, byte[]> consumer, CheckpointTracker tracker, int maxBatch, Action<DataLossReport> onDataLoss)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        return Source.UnfoldResourceAsync<IReadOnlyList<KafkaRecord>, IConsumer<string?, byte[]>>(
                () => Task.FromResult(consumer),
                c => Task.Run(() => Option<IReadOnlyList<KafkaRecord>>.Create(ReadBatch(c, tracker, maxBatch, onDataLoss))),
                _ => Task.FromResult(Done.Instance))
            .SelectMany(batch => batch);
    }

    private static List<KafkaRecord> ReadBatch(IConsumer<string?, byte[]> consumer, CheckpointTracker tracker, int maxBatch, Action<DataLossReport> onDataLoss)
    {
        // The stream can complete while this read is still inside Consume on its worker thread; the owner closes the
        // consumer under the same lock (PipelineRunner.DisposeAsync), never concurrently — librdkafka forbids it.
        lock (consumer)
        {
            return ReadBatchLocked(consumer, tracker, maxBatch, onDataLoss);
        }
    }

    private static List<KafkaRecord> ReadBatchLocked(IConsumer<string?, byte[]> consumer, CheckpointTracker tracker, int maxBatch, Action<DataLossReport> onDataLoss)
    {
        var records = new List<KafkaRecord>();
        var timeout = TimeSpan.FromMilliseconds(100);
        while (records.Count < maxBatch)
        {
            ConsumeResult<string?, byte[]>? result;
            try
            {
                result = consumer.Consume(timeout);
            }
            catch (ConsumeException error) when (error.Error.Code is ErrorCode.OffsetOutOfRange or ErrorCode.Local_AutoOffsetReset)
            {
                RecoverFromLoss(consumer, error, onDataLoss);
                continue;
            }

            if (result is null || result.IsPartitionEOF)
            {
                break;
            }

            var record = new KafkaRecord(result.Topic, result.Partition.Value, result.Offset.Value, result.Message.Key, result.Message.Value ?? []);
            if (tracker.Read(record.Position))
            {
                records.Add(record);
            }

            timeout = TimeSpan.Zero;
        }

        return records;
    }

    private static void RecoverFromLoss(IConsumer<string?, byte[]> consumer, ConsumeException error, Action<DataLossReport> onDataLoss)
    {
        var partition = error.ConsumerRecord?.TopicPartition;
        if (partition is null)
        {
            throw new InvalidOperationException("offset out of range without a partition: cannot resume safely", error);
        }

        var position = consumer.Position(partition);
        var bounds = consumer.QueryWatermarkOffsets(partition, TimeSpan.FromSeconds(10));
        onDataLoss(new DataLossReport(partition.Topic, partition.Partition.Value, position.Value < 0 ? 0 : position.Value, bounds.Low.Value));
        consumer.Seek(new TopicPartitionOffset(partition, bounds.Low));
    }
}

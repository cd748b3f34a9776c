using System.Diagnostics;
using System.Runtime.InteropServices;
using Akka;
using Akka.Streams.Dsl;
using Akka.Util;
using Confluent.Kafka;
using PoQ.Pipeline.Model;
using PoQ.Pipeline.Partitions;
using PoQ.Pipeline.Resilience;

namespace PoQ.Pipeline.Kafka;

/// <summary>
/// The Kafka source of the graph: a group consumer owned outside the graph, read in batches on a worker thread so the
/// blocking poll (and the rebalance callbacks it runs) never runs on a stage. Each batch is split into one chunk per
/// lane (a partition's lane is its number modulo the lane count), with the topic-partitions that reached their end.
/// Backpressure: the next batch is read only when downstream pulls; partitions the lanes asked to pause are paused, and
/// so are those running ahead of the others in log time (<see cref="FetchAlignment"/>). After each read,
/// <c>afterRead</c> runs on the same worker thread before the batch goes on (the registry's catch-up).
/// Offset-out-of-range (data deleted on the broker) is never followed silently: it is reported and reading resumes at the
/// earliest offset.
/// </summary>
public sealed class GroupRecordSource(
    ConsumerLease<string?, byte[]> lease, PartitionOwnership ownership, FlowControl flow, FetchAlignment alignment, EndOffsets endOffsets, int lanes, int maxBatch, Action<DataLossReport> onDataLoss, Outage? broker = null, Telemetry.PipelineMetrics? metrics = null, Action? afterRead = null)
{
    private readonly Dictionary<(string, int), bool> paused = [];

    // Records read per topic in the current batch (metrics only).
    private readonly Dictionary<string, long> read = new(StringComparer.Ordinal);

    // Records each lane got in the last read: the next read's lists start at that size (under load, a read is a full
    // batch, and a list grown from empty copied itself over and over; at a trickle, reads are small and stay small).
    private readonly int[] lastRead = new int[lanes];

    private List<TopicPartition> assignment = [];
    private int assignmentVersion = -1;

    // Set by every use of the lease, and only read inside one: the helpers below run under the lease's lock.
    private IConsumer<string?, byte[]> consumer = null!;

    /// <summary>The source.</summary>
    public Source<RecordChunk, NotUsed> Create() =>
        Source.UnfoldResourceAsync<IReadOnlyList<RecordChunk>, ConsumerLease<string?, byte[]>>(
                () => Task.FromResult(lease),
                l => Task.Run(() =>
                {
                    var batch = l.Use(c => Option<IReadOnlyList<RecordChunk>>.Create(ReadBatch(c)), whenClosed: Option<IReadOnlyList<RecordChunk>>.None);

                    // After the fetch, not before: whatever a producer published before these records is then seen
                    // (the evaluator registry, read to its present end).
                    if (batch.HasValue)
                    {
                        afterRead?.Invoke();
                    }

                    return batch;
                }),
                _ => Task.FromResult(Done.Instance))
            .SelectMany(chunks => chunks);

    // The stream can complete while this read is still inside Consume on its worker thread: the lease makes the owner's
    // close wait for it, and a read after the close completes the source.
    private IReadOnlyList<RecordChunk> ReadBatch(IConsumer<string?, byte[]> leased)
    {
        consumer = leased;
        ApplyFlowControl();
        var records = new List<(PartitionSession, KafkaRecord)>[lanes];
        var ends = new List<(PartitionSession, string)>[lanes];
        int count = 0;
        var timeout = TimeSpan.FromMilliseconds(50);
        while (count < maxBatch)
        {
            ConsumeResult<string?, byte[]>? result;
            try
            {
                result = consumer.Consume(timeout);
            }
            catch (ConsumeException error) when (error.Error.Code is ErrorCode.OffsetOutOfRange or ErrorCode.Local_AutoOffsetReset)
            {
                RecoverFromLoss(error);
                continue;
            }
            catch (ConsumeException error) when (!error.Error.IsFatal)
            {
                // librdkafka reconnects by itself; the read resumes at the consumer's position.
                broker?.Failed(error);
                break;
            }

            if (result is null)
            {
                break;
            }

            if (timeout != TimeSpan.Zero)
            {
                broker?.Recovered(); // the first answer of this read: the broker is reachable
            }

            timeout = TimeSpan.Zero;
            int partition = result.Partition.Value;
            if (ownership.SessionOf(partition) is not { } session)
            {
                continue; // revoked while the message was in flight
            }

            int lane = partition % lanes;
            if (result.IsPartitionEOF)
            {
                (ends[lane] ??= []).Add((session, result.Topic));
                alignment.ReachedEnd(result.Topic, partition);
                continue;
            }

            var message = result.Message;
            var timestamp = message.Timestamp.Type == TimestampType.NotAvailable
                ? DateTimeOffset.MinValue
                : DateTimeOffset.FromUnixTimeMilliseconds(message.Timestamp.UnixTimestampMs);
            alignment.Fetched(result.Topic, partition, timestamp);
            if (metrics is not null)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(read, result.Topic, out _)++;
            }
            (records[lane] ??= new(Math.Max(16, lastRead[lane]))).Add((session, new KafkaRecord(result.Topic, partition, result.Offset.Value, message.Key, message.Value ?? [], timestamp) { ReceivedAt = Stopwatch.GetTimestamp() }));
            count++;
        }

        for (int lane = 0; lane < lanes; lane++)
        {
            lastRead[lane] = records[lane]?.Count ?? 0;
        }

        foreach (var (topic, readCount) in read)
        {
            metrics!.Consumed(topic, readCount); // once per topic and batch, not per record
        }

        read.Clear();
        var confirmed = new List<(PartitionSession, string)>[lanes];
        foreach (var (session, topic) in ConfirmEnds(flow.TakeEndChecks()))
        {
            (confirmed[session.Partition % lanes] ??= []).Add((session, topic));
        }

        var chunks = new List<RecordChunk>(lanes);
        for (int lane = 0; lane < lanes; lane++)
        {
            if (records[lane] is not null || ends[lane] is not null || confirmed[lane] is not null)
            {
                chunks.Add(new RecordChunk(
                    lane,
                    (IReadOnlyList<(PartitionSession, KafkaRecord)>?)records[lane] ?? [],
                    (IReadOnlyList<(PartitionSession, string)>?)ends[lane] ?? [],
                    (IReadOnlyList<(PartitionSession, string)>?)confirmed[lane] ?? []));
            }
        }

        return chunks;
    }

    /// <summary>Per assigned topic-partition: records on the broker not yet read (from the consumer's cached watermarks).</summary>
    public IReadOnlyList<(string Topic, int Partition, long Lag)> Lag() => lease.Use(LagOf, whenClosed: []);

    private List<(string Topic, int Partition, long Lag)> LagOf(IConsumer<string?, byte[]> leased)
    {
        var lag = new List<(string, int, long)>(assignment.Count);
        foreach (var tp in assignment)
        {
            try
            {
                var high = leased.GetWatermarkOffsets(tp).High;
                var position = leased.Position(tp);
                if (high != Offset.Unset && position != Offset.Unset)
                {
                    lag.Add((tp.Topic, tp.Partition.Value, Math.Max(0, high.Value - position.Value)));
                }
            }
            catch (KafkaException)
            {
                // Unknown right now (revoked between the copy and the query): left out of this scrape.
            }
        }

        return lag;
    }

    // The blocked topic-partitions whose every record the broker holds has been handed out: the broker's answer now.
    // The end is confirmed with the broker, never from the last fetch's cached high watermark: that cache is stale for a
    // paused topic-partition, for one resumed since its end was reported, while the broker is unreachable, and after any
    // stall of this process (a pause longer than the idle wait, on a loaded machine) — and a confirmation on a stale cache
    // lets the merge pass records the broker already has (CI saw payouts differ from a replay after a broker outage and in
    // a three-member group run). One request for all the blocked topic-partitions of a read; while the broker is known
    // unreachable none is sent (it would block this thread for its timeout) and nothing is confirmed.
    private List<(PartitionSession Session, string Topic)> ConfirmEnds(IReadOnlyList<(string Topic, int Partition)> checks)
    {
        var atEnd = new List<(PartitionSession, string)>();
        if (checks.Count == 0 || broker?.UnavailableSince is not null)
        {
            return atEnd;
        }

        var asked = checks.Where(c => ownership.SessionOf(c.Partition) is not null).Select(c => new TopicPartition(c.Topic, c.Partition)).ToList();
        var ends = endOffsets.Query(asked, TimeSpan.FromSeconds(5));
        foreach (var tp in asked)
        {
            if (ends.TryGetValue(tp, out long end) && ownership.SessionOf(tp.Partition.Value) is { } session
                && consumer.Position(tp) is var position && position != Offset.Unset && position.Value >= end)
            {
                atEnd.Add((session, tp.Topic));
            }
        }

        return atEnd;
    }

    // Pauses what the lanes asked to pause (buffers full) and what runs too far ahead in log time (alignment).
    private void ApplyFlowControl()
    {
        if (ownership.AssignmentVersion != assignmentVersion)
        {
            // A rebalance resets the consumer's pauses.
            paused.Clear();
            assignment = consumer.Assignment;
            alignment.Retain(assignment.Select(tp => (tp.Topic, tp.Partition.Value)).ToHashSet());
            assignmentVersion = ownership.AssignmentVersion;
        }

        var requested = flow.Requests.ToDictionary(r => r.Key, r => r.Value);
        var floor = alignment.Floor();
        foreach (var tp in assignment)
        {
            var key = (tp.Topic, tp.Partition.Value);
            bool pause = requested.GetValueOrDefault(key) | alignment.Holds(tp.Topic, tp.Partition.Value, floor);
            if (paused.GetValueOrDefault(key) == pause)
            {
                continue;
            }

            if (pause)
            {
                consumer.Pause([tp]);
            }
            else
            {
                consumer.Resume([tp]);
            }

            paused[key] = pause;
        }
    }

    private void RecoverFromLoss(ConsumeException error)
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

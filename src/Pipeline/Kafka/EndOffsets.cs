using Confluent.Kafka.Admin;
using Confluent.Kafka;

namespace PoQ.Pipeline.Kafka;

/// <summary>
/// The broker's end offsets of many topic-partitions in one ListOffsets request, as a read-committed reader sees them
/// (the last stable offset; the high watermark while no transaction is open). The merge's idle-wait confirmations used
/// to ask one topic-partition at a time (<c>QueryWatermarkOffsets</c>: two requests each, 8 ms on average on the loaded
/// 2-core machine) on the one thread that reads for every lane; at the end of a log 8–24 blocked partitions held each
/// read for 70–150 ms. The registry's sync after every read asks its end here too. Only answers the broker gave are
/// returned: a topic-partition it did not answer for is unknown.
/// </summary>
public sealed class EndOffsets(IAdminClient admin)
{
    private static readonly Dictionary<TopicPartition, long> None = [];

    /// <summary>The end offset of each topic-partition the broker answered for within <paramref name="timeout"/>.</summary>
    public IReadOnlyDictionary<TopicPartition, long> Query(IReadOnlyCollection<TopicPartition> partitions, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        if (partitions.Count == 0)
        {
            return None;
        }

        var request = partitions.Select(tp => new TopicPartitionOffsetSpec { TopicPartition = tp, OffsetSpec = OffsetSpec.Latest() });
        var options = new ListOffsetsOptions { IsolationLevel = IsolationLevel.ReadCommitted, RequestTimeout = timeout };
        try
        {
            // Called on the source's reading thread (a worker, never a stage).
            return Answered(admin.ListOffsetsAsync(request, options).GetAwaiter().GetResult().ResultInfos);
        }
        catch (ListOffsetsException partly)
        {
            return Answered(partly.Result.ResultInfos); // the ones in error stay unknown
        }
        catch (KafkaException)
        {
            return None; // unknown now: nothing is confirmed, the lanes ask again after the next idle wait
        }
    }

    private static Dictionary<TopicPartition, long> Answered(IEnumerable<ListOffsetsResultInfo> answers)
    {
        var ends = new Dictionary<TopicPartition, long>();
        foreach (var answer in answers)
        {
            var offset = answer.TopicPartitionOffsetError;
            if (!offset.Error.IsError && offset.Offset != Offset.Unset)
            {
                ends[offset.TopicPartition] = offset.Offset.Value;
            }
        }

        return ends;
    }
}

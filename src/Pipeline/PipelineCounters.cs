using PoQ.Pipeline.Commit;

namespace PoQ.Pipeline;

/// <summary>What this instance committed and published since it started (for progress displays; the store holds the totals).</summary>
public sealed class PipelineCounters
{
    private long batches;
    private long partitionPauses;

    /// <summary>Batches committed and published.</summary>
    public long Batches => Interlocked.Read(ref batches);

    /// <summary>
    /// Times a topic-partition was paused at the consumer because its merge or its trust wait was past its share of the
    /// buffer budget: while paused its records wait in the broker, which a settle latency counts as delivery.
    /// </summary>
    public long PartitionPauses => Interlocked.Read(ref partitionPauses);

    /// <summary>Counts a topic-partition paused.</summary>
    public void OnPartitionPaused() => Interlocked.Increment(ref partitionPauses);

    /// <summary>Raised on the lane's thread right after a batch committed, before it is published (for latency probes; keep it cheap).</summary>
    public event Action<CommittedBatch>? Committed;

    /// <summary>Reports a committed batch to <see cref="Committed"/>.</summary>
    public void OnCommitted(CommittedBatch batch) => Committed?.Invoke(batch);

    /// <summary>Counts a published batch.</summary>
    public void Add(CommittedBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        Interlocked.Increment(ref batches);
    }
}

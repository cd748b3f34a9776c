using PoQ.Pipeline.Commit;

namespace PoQ.Pipeline;

/// <summary>What this instance committed and published since it started (for progress displays; the store holds the totals).</summary>
public sealed class PipelineCounters
{
    private long batches;

    /// <summary>Batches committed and published.</summary>
    public long Batches => Interlocked.Read(ref batches);

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

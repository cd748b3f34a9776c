using PoQ.Consensus.Trust;
using PoQ.Settlement.Events;
using PoQ.Settlement.Trust;

namespace PoQ.Pipeline.Trust;

/// <summary>Rules that do not weight by trust never wait for it; a task's epoch is still that of its close.</summary>
public sealed class UnweightedTrustSource(TrustEpochs epochs, double initialWeight) : ITrustSource
{
    private readonly TrustSnapshot initial = TrustSnapshot.Initial(initialWeight);
    private long sequence;

    /// <inheritdoc />
    public long Version => 0;

    /// <inheritdoc />
    public bool TryTrustFor(DateTimeOffset closedAt, out long epoch, out ITrustView trust)
    {
        epoch = epochs.IsSequential ? Interlocked.Increment(ref sequence) : epochs.EpochOf(closedAt);
        trust = initial;
        return true;
    }

    /// <inheritdoc />
    public void Settled(TaskFinalized task)
    {
    }

    /// <summary>Resumes the sequential numbering after a restart.</summary>
    public void ResumeAt(long lastSequence) => Interlocked.Exchange(ref sequence, lastSequence);
}

using PoQ.Consensus.Trust;
using PoQ.Settlement.Events;
using PoQ.Settlement.Trust;

namespace PoQ.Pipeline.Trust;

/// <summary>
/// Epoch trust: a task that closed in epoch e settles against the snapshot folding every epoch up to e − 2, once every
/// partition has passed those epochs (the coordinator folds them). The same snapshot in every lane and instance.
/// </summary>
public sealed class EpochTrustSource(TrustEpochs epochs, TrustSnapshots snapshots) : ITrustSource
{
    /// <inheritdoc />
    public long Version => snapshots.Version;

    /// <inheritdoc />
    public bool TryTrustFor(DateTimeOffset closedAt, out long epoch, out ITrustView trust)
    {
        epoch = epochs.EpochOf(closedAt);
        var snapshot = snapshots.Through(TrustEpochs.FoldedThroughFor(epoch));
        trust = snapshot!;
        return snapshot is not null;
    }

    /// <inheritdoc />
    public void Settled(TaskFinalized task)
    {
        // Epoch trust changes only when an epoch is folded.
    }
}

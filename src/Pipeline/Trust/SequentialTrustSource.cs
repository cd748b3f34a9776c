using PoQ.Consensus.Rules;
using PoQ.Consensus.Trust;
using PoQ.Settlement.Events;
using PoQ.Settlement.Trust;

namespace PoQ.Pipeline.Trust;

/// <summary>
/// The paper's sequential update (<c>--trust-epoch 0</c>): each task settles against the ledger as the previous task
/// left it, in this instance's finalization order — which depends on processing order, so it runs in one lane of one
/// instance only. The task's epoch is its finalization index.
/// </summary>
public sealed class SequentialTrustSource(TrustLedger ledger, TrustSettings settings, long lastSequence) : ITrustSource
{
    private long sequence = lastSequence;

    /// <summary>The ledger (settled tasks folded in).</summary>
    public TrustLedger Ledger => ledger;

    /// <summary>Finalization index of the last settled task.</summary>
    public long Sequence => sequence;

    /// <inheritdoc />
    public long Version => sequence;

    /// <inheritdoc />
    public bool TryTrustFor(DateTimeOffset closedAt, out long epoch, out ITrustView trust)
    {
        epoch = sequence + 1;
        trust = ledger;
        return true;
    }

    /// <inheritdoc />
    public void Settled(TaskFinalized task)
    {
        ArgumentNullException.ThrowIfNull(task);
        sequence = task.Epoch;
        TrustFold.Apply(ledger, settings, TrustFold.SignalsOf(task));
    }
}

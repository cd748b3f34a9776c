using System.Buffers;
using PoQ.Settlement.Events;

namespace PoQ.Settlement.Trust;

/// <summary>
/// The trust signals of one pending epoch, in a pooled array that grows by renting: an epoch of a long replay holds
/// thousands of signals, and a list grown by doubling puts each epoch's arrays on the large-object heap, whose churn
/// forced a full collection every few epochs (measured: 82 gen-2 collections in a million-task replay).
/// </summary>
internal sealed class EpochSignals : IDisposable
{
    private TrustSignal[] signals = [];
    private int count;

    /// <summary>The signals added so far, in the order added.</summary>
    public Span<TrustSignal> Span => signals.AsSpan(0, count);

    /// <summary>Adds a settled task's signals (<see cref="TrustFold.SignalsOf"/>).</summary>
    public void Add(TaskFinalized task)
    {
        int adding = TrustFold.SignalCount(task);
        if (count + adding > signals.Length)
        {
            var larger = ArrayPool<TrustSignal>.Shared.Rent(Math.Max(count + adding, Math.Max(256, signals.Length * 2)));
            Span.CopyTo(larger);
            Return();
            signals = larger;
        }

        TrustFold.CopySignals(task, signals.AsSpan(count, adding));
        count += adding;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Return();
        signals = [];
        count = 0;
    }

    private void Return()
    {
        if (signals.Length > 0)
        {
            // Cleared: pooled arrays must not keep the ids of a finished replay alive.
            ArrayPool<TrustSignal>.Shared.Return(signals, clearArray: true);
        }
    }
}

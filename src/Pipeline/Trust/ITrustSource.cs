using PoQ.Consensus.Trust;
using PoQ.Settlement.Events;

namespace PoQ.Pipeline.Trust;

/// <summary>Where a lane gets the trust a closed task settles against.</summary>
public interface ITrustSource
{
    /// <summary>
    /// The epoch and trust for a task that closed at <paramref name="closedAt"/>; false while that trust is not known yet
    /// (an epoch the task needs is not folded: the task waits, deterministically).
    /// </summary>
    bool TryTrustFor(DateTimeOffset closedAt, out long epoch, out ITrustView trust);

    /// <summary>A task was settled against the trust given (the sequential update folds it in at once).</summary>
    void Settled(TaskFinalized task);

    /// <summary>Changes whenever more trust becomes available (lanes poll it to retry waiting tasks).</summary>
    long Version { get; }
}

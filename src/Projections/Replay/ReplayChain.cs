using PoQ.Consensus.Trust;
using PoQ.Settlement;
using PoQ.Settlement.Events;
using PoQ.Settlement.Trust;

namespace PoQ.Projections.Replay;

/// <summary>
/// The replay's settlement chain, fed a page at a time: it starts where the recorded history was at the range's start
/// (with epochs, the recorded snapshot before the first replayed epoch, the recorded closes up to it used as recorded,
/// and the recorded tasks before the range in its first epoch; sequentially, each evaluator's recorded trust before its
/// first verdict in the range) and then settles through <see cref="SettlementChain.SettleAll"/> — an epoch's tasks in
/// parallel. Pure: pages in, settlements out.
/// </summary>
public sealed class ReplayChain
{
    private readonly Mechanism mechanism;
    private readonly IReadOnlyList<TrustEpochClosed> recordedCloses;
    private readonly IReadOnlyDictionary<string, TrustEntry> sequentialStart;
    private readonly IReadOnlyList<string>? flagged;
    private SettlementChain? chain;

    /// <summary>Prepares a chain; it starts with the first page.</summary>
    /// <param name="mechanism">The mechanism to replay with.</param>
    /// <param name="recordedCloses">The recorded epoch closes (trust before the range).</param>
    /// <param name="sequentialStart">Sequential replays: each evaluator's recorded trust before its first verdict in the range (<see cref="ReplayEngine.StartingTrust"/>).</param>
    /// <param name="flagged">Evaluators every task is decided with marked flagged (<see cref="ReplayFlags"/>); null for none.</param>
    public ReplayChain(Mechanism mechanism, IReadOnlyList<TrustEpochClosed> recordedCloses, IReadOnlyDictionary<string, TrustEntry>? sequentialStart = null, IReadOnlyList<string>? flagged = null)
    {
        ArgumentNullException.ThrowIfNull(mechanism);
        ArgumentNullException.ThrowIfNull(recordedCloses);
        this.mechanism = mechanism;
        this.recordedCloses = recordedCloses;
        this.sequentialStart = sequentialStart ?? new Dictionary<string, TrustEntry>();
        this.flagged = flagged;
    }

    /// <summary>
    /// Settles the next page: recorded tasks in replay order (epochs: close-time order; sequentially: canonical order) with
    /// their ranks. <paramref name="recordedBefore"/> (first page only) holds the recorded tasks before the range that share
    /// its first epoch.
    /// </summary>
    public TaskFinalized[] Settle(IReadOnlyList<TaskFinalized> tasks, IReadOnlyList<long> ranks, IReadOnlyList<TaskFinalized>? recordedBefore = null)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(ranks);
        if (tasks.Count == 0)
        {
            return [];
        }

        chain ??= Start(tasks[0], recordedBefore ?? []);
        return chain.SettleAll([.. tasks.Select(t => t.Facts)], ranks);
    }

    private SettlementChain Start(TaskFinalized first, IReadOnlyList<TaskFinalized> recordedBefore)
    {
        if (mechanism.Epochs.IsSequential)
        {
            return new SettlementChain(mechanism, new TrustSnapshot(mechanism.InitialWeight, sequentialStart, long.MinValue), flagged);
        }

        long epoch = mechanism.Epochs.EpochOf(first.Facts.ClosedAt);
        long foldedThrough = TrustEpochs.FoldedThroughFor(epoch);
        var start = TrustSnapshot.Initial(mechanism.InitialWeight);
        foreach (var close in recordedCloses.Where(c => c.Epoch <= foldedThrough).OrderBy(c => c.Epoch))
        {
            start = start.With(close.Changes, close.Epoch);
        }

        var started = new SettlementChain(mechanism, new TrustSnapshot(start.InitialWeight, start.Entries, foldedThrough), flagged);
        foreach (var close in recordedCloses.Where(c => c.Epoch > foldedThrough && c.Epoch < epoch))
        {
            started.UseRecorded(close);
        }

        foreach (var task in recordedBefore)
        {
            if (mechanism.Epochs.EpochOf(task.Facts.ClosedAt) == epoch)
            {
                started.UseRecorded(task);
            }
        }

        return started;
    }
}

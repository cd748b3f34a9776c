using PoQ.Consensus.Trust;
using PoQ.Settlement.Events;
using PoQ.Settlement.Trust;

namespace PoQ.Settlement;

/// <summary>
/// Settles a history of tasks in order with trust evolving as the mechanism says — the driver replay and audit verify
/// share. Epoch trust: tasks arrive in non-decreasing epoch; before a task of epoch e is decided every pending epoch up
/// to e − <see cref="TrustEpochs.Lag"/> is folded (<see cref="TrustFold.CloseEpoch"/>), so the task sees the same
/// snapshot the pipeline gave it. Sequential trust: each task's verdicts are folded before the next task.
/// </summary>
public sealed class SettlementChain
{
    private readonly Mechanism mechanism;
    private readonly TrustLedger ledger;
    private readonly ITrustView view;
    private readonly SortedDictionary<long, EpochSignals> pending = [];
    private readonly SortedDictionary<long, TrustEpochClosed> recorded = [];
    private readonly List<TrustEpochClosed> closes = [];
    private long lastEpoch = long.MinValue;

    /// <summary>
    /// Starts from <paramref name="start"/>: with epochs, the state after folding every epoch up to
    /// <see cref="TrustSnapshot.FoldedThrough"/>; sequentially, the ledger before the first task.
    /// </summary>
    public SettlementChain(Mechanism mechanism, TrustSnapshot start)
        : this(mechanism, start, flaggedEvaluators: null)
    {
    }

    /// <summary>
    /// As <see cref="SettlementChain(Mechanism, TrustSnapshot)"/>, deciding every task with
    /// <paramref name="flaggedEvaluators"/> marked (<see cref="Detection.FlaggedTrustView"/>): a trust-weighted rule with
    /// <c>flagged_weight</c> below 1 down-weights them; their trust evolves as without flags.
    /// </summary>
    public SettlementChain(Mechanism mechanism, TrustSnapshot start, IEnumerable<string>? flaggedEvaluators)
    {
        ArgumentNullException.ThrowIfNull(mechanism);
        ArgumentNullException.ThrowIfNull(start);
        this.mechanism = mechanism;
        ledger = start.ToLedger();
        view = flaggedEvaluators is null ? ledger : new Detection.FlaggedTrustView(ledger, flaggedEvaluators);
        FoldedThrough = start.FoldedThrough;
    }

    /// <summary>The last folded epoch (epoch trust).</summary>
    public long FoldedThrough { get; private set; }

    /// <summary>The epochs folded so far, in order (epoch trust with a trust-weighted rule).</summary>
    public IReadOnlyList<TrustEpochClosed> Closes => closes;

    /// <summary>The trust state now (a copy).</summary>
    public TrustSnapshot Trust => new(ledger.InitialWeight, ledger.Entries, FoldedThrough);

    /// <summary>Settles the next task: its epoch is that of its close (epoch trust) or <paramref name="sequentialEpoch"/>.</summary>
    public TaskFinalized Settle(TaskFacts facts, long sequentialEpoch = 0)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (mechanism.Epochs.IsSequential)
        {
            var settled = SettlementDecider.Decide(facts, sequentialEpoch, view, mechanism);
            if (mechanism.Trust is { } settings)
            {
                TrustFold.Apply(ledger, settings, TrustFold.SignalsOf(settled));
            }

            return settled;
        }

        long epoch = mechanism.Epochs.EpochOf(facts.ClosedAt);
        if (epoch < lastEpoch)
        {
            throw new InvalidOperationException($"task '{facts.TaskId}' of epoch {epoch} arrived after epoch {lastEpoch}: a chain settles in epoch order");
        }

        lastEpoch = epoch;
        FoldThrough(TrustEpochs.FoldedThroughFor(epoch));
        var finalized = SettlementDecider.Decide(facts, epoch, view, mechanism);
        Pend(epoch, finalized);
        return finalized;
    }

    /// <summary>The epochs folded so far, handed over and forgotten (a long history streams its closes out).</summary>
    public IReadOnlyList<TrustEpochClosed> TakeCloses()
    {
        var taken = closes.ToArray();
        closes.Clear();
        return taken;
    }

    private void Pend(long epoch, TaskFinalized finalized)
    {
        if (mechanism.Trust is not null && finalized.Settlement.IsReached)
        {
            SignalsOf(epoch).Add(finalized);
        }
    }

    private EpochSignals SignalsOf(long epoch)
    {
        if (!pending.TryGetValue(epoch, out var signals))
        {
            signals = new EpochSignals();
            pending.Add(epoch, signals);
        }

        return signals;
    }

    /// <summary>
    /// Tasks of one epoch below which they are decided on the calling thread: a decision takes microseconds, and waking
    /// the thread pool for a few hundred of them costs more than it saves (measured: the pool's spinning took 40 % of a
    /// replay's CPU at 200 tasks per epoch, while the page reader already keeps the other core busy).
    /// </summary>
    public const int ParallelThreshold = 2_048;

    /// <summary>
    /// Settles tasks in order, as <see cref="Settle"/> one by one would, bit for bit. With epoch trust the tasks of one
    /// epoch are decided against the same snapshot and independently of each other, so each run of same-epoch tasks is
    /// decided in parallel; their verdicts join the epoch's fold in the given order. Sequential trust settles one by one.
    /// </summary>
    /// <param name="facts">The tasks, in non-decreasing epoch (epoch trust).</param>
    /// <param name="sequentialEpochs">Each task's sequential epoch (sequential trust); ignored with epochs.</param>
    public TaskFinalized[] SettleAll(IReadOnlyList<TaskFacts> facts, IReadOnlyList<long>? sequentialEpochs = null)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var settled = new TaskFinalized[facts.Count];
        if (mechanism.Epochs.IsSequential)
        {
            for (int i = 0; i < facts.Count; i++)
            {
                settled[i] = Settle(facts[i], sequentialEpochs?[i] ?? 0);
            }

            return settled;
        }

        int start = 0;
        while (start < facts.Count)
        {
            long epoch = mechanism.Epochs.EpochOf(facts[start].ClosedAt);
            int end = start + 1;
            while (end < facts.Count && mechanism.Epochs.EpochOf(facts[end].ClosedAt) == epoch)
            {
                end++;
            }

            if (epoch < lastEpoch)
            {
                throw new InvalidOperationException($"task '{facts[start].TaskId}' of epoch {epoch} arrived after epoch {lastEpoch}: a chain settles in epoch order");
            }

            lastEpoch = epoch;
            FoldThrough(TrustEpochs.FoldedThroughFor(epoch));
            int from = start;
            if (end - from >= ParallelThreshold)
            {
                Parallel.For(from, end, i => settled[i] = SettlementDecider.Decide(facts[i], epoch, view, mechanism));
            }
            else
            {
                for (int i = from; i < end; i++)
                {
                    settled[i] = SettlementDecider.Decide(facts[i], epoch, view, mechanism);
                }
            }
            for (int i = from; i < end; i++)
            {
                Pend(epoch, settled[i]);
            }

            start = end;
        }

        return settled;
    }

    /// <summary>
    /// Applies a recorded epoch close as recorded when the chain folds its epoch — for epochs before the first task a
    /// replay settles, whose verdicts it does not re-derive (a replay of a range that starts mid-history).
    /// </summary>
    public void UseRecorded(TrustEpochClosed close)
    {
        ArgumentNullException.ThrowIfNull(close);
        if (close.Epoch > FoldedThrough)
        {
            recorded[close.Epoch] = close;
        }
    }

    /// <summary>
    /// Adds the recorded verdicts of a task that is not settled here to its epoch's fold — for the tasks before a replayed
    /// range that share its first epoch, which the range's trust must still include as recorded.
    /// </summary>
    public void UseRecorded(TaskFinalized task)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (mechanism.Epochs.IsSequential || mechanism.Trust is null || !task.Settlement.IsReached)
        {
            return;
        }

        SignalsOf(mechanism.Epochs.EpochOf(task.Facts.ClosedAt)).Add(task);
    }

    /// <summary>Folds every pending epoch up to <paramref name="epoch"/> (epoch trust), in epoch order.</summary>
    public void FoldThrough(long epoch)
    {
        if (mechanism.Epochs.IsSequential || epoch <= FoldedThrough)
        {
            return;
        }

        while (Next(epoch) is { } next)
        {
            if (recorded.Remove(next, out var close))
            {
                foreach (var change in close.Changes)
                {
                    ledger.Set(change.EvaluatorId, new TrustEntry(change.WeightAfter, change.ObservationsAfter));
                }

                closes.Add(close);
            }

            if (pending.Remove(next, out var signals))
            {
                using (signals)
                {
                    closes.Add(TrustFold.CloseEpochInPlace(ledger, mechanism.Trust!, mechanism.Epochs, next, signals.Span));
                }
            }
        }

        FoldedThrough = epoch;
    }

    private long? Next(long through)
    {
        long? next = null;
        if (pending.Count > 0 && pending.First().Key <= through)
        {
            next = pending.First().Key;
        }

        if (recorded.Count > 0 && recorded.First().Key <= through && (next is null || recorded.First().Key < next))
        {
            next = recorded.First().Key;
        }

        return next;
    }
}

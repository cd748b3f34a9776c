using PoQ.Consensus.Outcomes;

namespace PoQ.Consensus.Trust;

/// <summary>
/// The trust state of all evaluators, evolved only by <see cref="TrustUpdated"/> events in sequence order
/// (tasks in finalization order; within a task, ordinal evaluator id). Mutable for throughput: the
/// pipeline applies hundreds of thousands of updates per second; <see cref="Evolve"/> is the only mutator.
/// </summary>
public sealed class TrustLedger
{
    private readonly Dictionary<string, TrustEntry> entries = new(StringComparer.Ordinal);

    /// <summary>Creates an empty ledger whose unseen evaluators start at <paramref name="initialWeight"/>.</summary>
    public TrustLedger(double initialWeight = 1.0) => InitialWeight = initialWeight;

    /// <summary>
    /// Restores a ledger from a recorded snapshot (each evaluator's last recorded state and the last applied
    /// sequence), e.g. when a pipeline restarts or a replay starts mid-history.
    /// </summary>
    public static TrustLedger FromSnapshot(double initialWeight, IEnumerable<KeyValuePair<string, TrustEntry>> entries, long sequence)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var ledger = new TrustLedger(initialWeight) { Sequence = sequence };
        foreach (var (id, entry) in entries)
        {
            ledger.entries[id] = entry;
        }

        return ledger;
    }

    /// <summary>w₀ for evaluators not seen yet.</summary>
    public double InitialWeight { get; }

    /// <summary>Sequence number of the last applied update (0 when empty).</summary>
    public long Sequence { get; private set; }

    /// <summary>Evaluators with at least one update.</summary>
    public IReadOnlyDictionary<string, TrustEntry> Entries => entries;

    /// <summary>The trust in force for an evaluator (w₀ and no observations when unseen).</summary>
    public TrustEntry Of(string evaluatorId) =>
        entries.TryGetValue(evaluatorId, out var entry) ? entry : TrustEntry.Initial(InitialWeight);

    /// <summary>
    /// Decide: the updates a reached task implies, numbered after the current sequence. Unweighted rules
    /// and insufficient tasks imply none.
    /// </summary>
    public IReadOnlyList<TrustUpdated> Decide(TaskConsensus outcome, bool ruleUsesTrust)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (!ruleUsesTrust || outcome.Status != ConsensusStatus.Reached)
        {
            return [];
        }

        var updates = new TrustUpdated[outcome.Verdicts.Count];
        for (int i = 0; i < updates.Length; i++)
        {
            var verdict = outcome.Verdicts[i];
            updates[i] = new TrustUpdated(Sequence + i + 1, outcome.TaskId, verdict.EvaluatorId, verdict.TrustBefore, verdict.TrustAfter);
        }

        return updates;
    }

    /// <summary>Evolve: applies one update; updates must arrive in sequence order.</summary>
    public void Evolve(TrustUpdated update)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (update.Sequence != Sequence + 1)
        {
            throw new InvalidOperationException($"trust update {update.Sequence} applied out of order: the ledger is at {Sequence}");
        }

        entries[update.EvaluatorId] = update.After;
        Sequence = update.Sequence;
    }
}

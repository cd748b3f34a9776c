using System.Globalization;
using PoQ.Projections.Ledgers;
using PoQ.Projections.Model;
using PoQ.Settlement.Events;
using PoQ.Settlement.Trust;
using PoQ.Settlement;

namespace PoQ.Projections.Verification;

/// <summary>
/// Re-derives recorded settlements with the one settlement engine and compares every value exactly — doubles are
/// stored as their bits, so "equal" means bit-equal. A whole history streams through <see cref="Check"/> page by page in
/// canonical order (<see cref="TaskOrder"/>) and ends with <see cref="Finish"/>: every task is re-decided through
/// <see cref="SettlementChain"/> (the driver replay uses too) against the trust the chain derives, every epoch close is
/// re-folded and compared with the recorded <see cref="TrustEpochClosed"/> as soon as it folds, and the node and evaluator
/// ledger projections are compared with the fold of the recorded tasks. Memory: the chains' trust, the ledgers and the
/// recorded closes not yet matched — nothing per task. <see cref="CheckOne"/> re-decides one task against its recorded
/// trust. Pure: the caller streams the records (<see cref="AuditVerification"/>).
/// </summary>
public sealed class SettlementVerifier
{
    private readonly RecordedMechanisms mechanisms;
    private readonly List<AuditMismatch> mismatches = [];
    private readonly Dictionary<string, (Mechanism Mechanism, SettlementChain Chain)> chains = new(StringComparer.Ordinal);
    private readonly SortedDictionary<long, TrustEpochClosed> recordedCloses = [];
    private readonly NodeLedgerBook nodeLedgers = new();
    private readonly EvaluatorLedgerBook evaluatorLedgers = new();
    private readonly long lastRecordedClose;
    private long sequence;

    /// <summary>Creates a verifier and reports every recorded mechanism that cannot be rebuilt.</summary>
    /// <param name="mechanisms">Every recorded mechanism.</param>
    /// <param name="closes">Every recorded epoch close (empty for one-task checks).</param>
    public SettlementVerifier(RecordedMechanisms mechanisms, IEnumerable<TrustEpochClosed>? closes = null)
    {
        ArgumentNullException.ThrowIfNull(mechanisms);
        this.mechanisms = mechanisms;
        foreach (var mechanism in mechanisms.All)
        {
            foreach (string problem in mechanism.Problems)
            {
                Add(null, $"mechanism[{mechanism.Configured.MechanismHash}]", problem, "consistent recorded parameters");
            }
        }

        lastRecordedClose = long.MinValue;
        foreach (var close in closes ?? [])
        {
            recordedCloses[close.Epoch] = close;
            lastRecordedClose = Math.Max(lastRecordedClose, close.Epoch);
        }
    }

    /// <summary>Tasks checked so far.</summary>
    public long TasksChecked { get; private set; }

    /// <summary>The report of everything checked.</summary>
    public VerificationReport Report() => new(TasksChecked, mismatches);

    /// <summary>Adds mismatches found beside the settlement (admission: the evaluator draw, signatures).</summary>
    public void Record(IEnumerable<AuditMismatch> found)
    {
        ArgumentNullException.ThrowIfNull(found);
        mismatches.AddRange(found);
    }

    /// <summary>
    /// Re-derives the next tasks of the history, in canonical order (each page after the previous one). Runs of tasks
    /// under one mechanism settle through <see cref="SettlementChain.SettleAll"/> (an epoch's tasks in parallel).
    /// </summary>
    public void Check(IReadOnlyList<TaskFinalized> page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var run = new List<TaskFinalized>();
        (Mechanism Mechanism, SettlementChain Chain)? runChain = null;
        foreach (var task in page)
        {
            TasksChecked++;
            nodeLedgers.Add(task);
            evaluatorLedgers.Add(task);
            if (Rebuilt(task) is not { } mechanism)
            {
                continue;
            }

            if (!chains.TryGetValue(mechanism.Hash, out var entry))
            {
                entry = (mechanism, new SettlementChain(mechanism, TrustSnapshot.Initial(mechanism.InitialWeight)));
                chains.Add(mechanism.Hash, entry);
            }

            if (mechanism.Epochs.IsSequential)
            {
                Compare(task.TaskId, "epoch", task.Epoch, ++sequence);
            }

            if (!ValidFacts(task))
            {
                continue;
            }

            if (runChain is { } current && !ReferenceEquals(current.Chain, entry.Chain))
            {
                Settle(current.Chain, run);
            }

            runChain = entry;
            run.Add(task);
        }

        if (runChain is { } last)
        {
            Settle(last.Chain, run);
        }

        CompareFoldedCloses();
    }

    /// <summary>Ends a streamed check: folds the recorded epochs, compares what is left and the stored projections.</summary>
    public void Finish(IEnumerable<NodeLedger> ledgers, IEnumerable<EvaluatorLedger> evaluators, IEnumerable<EvaluatorTrust> sequentialTrust)
    {
        foreach (var (_, chain) in chains.Values)
        {
            chain.FoldThrough(lastRecordedClose);
        }

        CompareFoldedCloses();
        foreach (var close in recordedCloses.Values)
        {
            Add(null, string.Create(CultureInfo.InvariantCulture, $"trust_epoch[{close.Epoch}]"), $"{close.Verdicts} verdicts", "no verdict closed in this epoch");
        }

        recordedCloses.Clear();
        CheckLedgers(ledgers);
        CheckEvaluatorLedgers(evaluators);
        var sequential = chains.Values.Where(c => c.Mechanism.Epochs.IsSequential && c.Mechanism.Trust is not null).ToList();
        if (sequential.Count == 1)
        {
            CheckSequentialTrust(sequential[0].Chain.Trust, sequentialTrust);
        }
    }

    private void Settle(SettlementChain chain, List<TaskFinalized> run)
    {
        if (run.Count == 0)
        {
            return;
        }

        var settled = chain.SettleAll([.. run.Select(t => t.Facts)], [.. run.Select(t => t.Epoch)]);
        for (int i = 0; i < run.Count; i++)
        {
            Compare(run[i], settled[i]);
        }

        run.Clear();
    }

    private void CompareFoldedCloses()
    {
        foreach (var (_, chain) in chains.Values)
        {
            foreach (var derived in chain.TakeCloses())
            {
                if (recordedCloses.Remove(derived.Epoch, out var close))
                {
                    CompareClose(close, derived);
                }
                else
                {
                    Add(null, string.Create(CultureInfo.InvariantCulture, $"trust_epoch[{derived.Epoch}]"), "missing", $"{derived.Verdicts} verdicts folded");
                }
            }
        }
    }

    /// <summary>Re-derives one task alone against the trust it recorded (no chain checks).</summary>
    public void CheckOne(TaskFinalized task)
    {
        ArgumentNullException.ThrowIfNull(task);
        TasksChecked++;
        if (Rebuilt(task) is not { } mechanism || !ValidFacts(task))
        {
            return;
        }

        var recordedTrust = new TrustSnapshot(
            mechanism.InitialWeight,
            task.Settlement.Verdicts.Select(v => new KeyValuePair<string, Consensus.Trust.TrustEntry>(v.EvaluatorId, new(v.TrustBefore, v.ObservationsBefore))),
            long.MinValue);
        Compare(task, SettlementDecider.Decide(task.Facts, task.Epoch, recordedTrust, mechanism));
    }

    private Mechanism? Rebuilt(TaskFinalized task)
    {
        var recorded = mechanisms.Find(task.Settlement.MechanismHash);
        if (recorded is null)
        {
            Add(task.TaskId, "mechanism_hash", task.Settlement.MechanismHash, "a recorded MechanismConfigured with this hash");
            return null;
        }

        Compare(task.TaskId, "rule", task.Settlement.Rule, recorded.Configured.Rule);
        Compare(task.TaskId, "params_hash", task.Settlement.ParamsHash, recorded.Configured.ParamsHash);
        Compare(task.TaskId, "reward_params_hash", task.Settlement.RewardParamsHash, recorded.Configured.RewardParamsHash);
        return recorded.Mechanism; // null: reported once per mechanism
    }

    private void Compare(TaskFinalized recorded, TaskFinalized recomputed)
    {
        string id = recorded.TaskId;
        var a = recorded.Settlement;
        var b = recomputed.Settlement;
        Compare(id, "epoch", recorded.Epoch, recomputed.Epoch);
        Compare(id, "status", a.Status, b.Status);
        Compare(id, "consensus", a.Consensus ?? double.NaN, b.Consensus ?? double.NaN);
        Compare(id, "inference_reward", a.InferenceReward, b.InferenceReward);
        bool sameEvaluators = a.Verdicts.Count == b.Verdicts.Count;
        for (int i = 0; sameEvaluators && i < a.Verdicts.Count; i++)
        {
            sameEvaluators = string.Equals(a.Verdicts[i].EvaluatorId, b.Verdicts[i].EvaluatorId, StringComparison.Ordinal);
        }

        if (!sameEvaluators)
        {
            Add(id, "verdicts", string.Join(",", a.Verdicts.Select(v => v.EvaluatorId)), string.Join(",", b.Verdicts.Select(v => v.EvaluatorId)));
            return;
        }

        for (int i = 0; i < a.Verdicts.Count; i++)
        {
            var v = a.Verdicts[i];
            var w = b.Verdicts[i];

            // Field names are built only for a mismatch: a million tasks compare some forty million values.
            CompareVerdict(id, v.EvaluatorId, "weight", v.Weight, w.Weight);
            if (v.Excluded != w.Excluded)
            {
                Add(id, $"verdicts[{v.EvaluatorId}].excluded", v.Excluded.ToString(), w.Excluded.ToString());
            }

            CompareVerdict(id, v.EvaluatorId, "deviation", v.Deviation, w.Deviation);
            CompareVerdict(id, v.EvaluatorId, "trust_before", v.TrustBefore, w.TrustBefore);
            CompareVerdict(id, v.EvaluatorId, "observations_before", v.ObservationsBefore, w.ObservationsBefore);
            CompareVerdict(id, v.EvaluatorId, "trust_signal", v.TrustSignal, w.TrustSignal);
            CompareVerdict(id, v.EvaluatorId, "trust_after", v.TrustAfter, w.TrustAfter);
            CompareVerdict(id, v.EvaluatorId, "reward", v.Reward, w.Reward);
        }
    }

    private void CompareVerdict(string id, string evaluatorId, string field, double recorded, double recomputed)
    {
        if (!recorded.Equals(recomputed))
        {
            Add(id, $"verdicts[{evaluatorId}].{field}", Text(recorded), Text(recomputed));
        }
    }

    private void CompareVerdict(string id, string evaluatorId, string field, long recorded, long recomputed)
    {
        if (recorded != recomputed)
        {
            Compare(id, $"verdicts[{evaluatorId}].{field}", recorded, recomputed);
        }
    }

    private void CompareClose(TrustEpochClosed close, TrustEpochClosed derived)
    {
        string field = string.Create(CultureInfo.InvariantCulture, $"trust_epoch[{close.Epoch}]");
        Compare(null, field + ".verdicts", close.Verdicts, derived.Verdicts);
        Compare(null, field + ".digest", close.Digest, derived.Digest);
        Compare(null, field + ".from", close.From.UtcTicks, derived.From.UtcTicks);
        Compare(null, field + ".to", close.To.UtcTicks, derived.To.UtcTicks);
        var changes = derived.Changes.ToDictionary(c => c.EvaluatorId, StringComparer.Ordinal);
        foreach (var change in close.Changes)
        {
            string evaluator = $"{field}.changes[{change.EvaluatorId}]";
            if (!changes.Remove(change.EvaluatorId, out var d))
            {
                Add(null, evaluator, "recorded", "no verdict of this evaluator in the epoch");
                continue;
            }

            Compare(null, evaluator + ".weight_before", change.WeightBefore, d.WeightBefore);
            Compare(null, evaluator + ".observations_before", change.ObservationsBefore, d.ObservationsBefore);
            Compare(null, evaluator + ".weight_after", change.WeightAfter, d.WeightAfter);
            Compare(null, evaluator + ".observations_after", change.ObservationsAfter, d.ObservationsAfter);
        }

        foreach (var missing in changes.Keys.Order(StringComparer.Ordinal))
        {
            Add(null, $"{field}.changes[{missing}]", "missing", "a change for this evaluator");
        }
    }

    private void CheckLedgers(IEnumerable<NodeLedger> stored)
    {
        var expected = nodeLedgers.All.ToDictionary(l => l.Id, StringComparer.Ordinal);
        foreach (var ledger in stored.OrderBy(l => l.Id, StringComparer.Ordinal))
        {
            string field = $"node_ledger[{ledger.Id}]";
            if (!expected.Remove(ledger.Id, out var folded))
            {
                Add(null, field, Text(ledger.Total), "no recorded reward for this node in this partition");
                continue;
            }

            Compare(null, field + ".count", ledger.Count, folded.Count);
            Compare(null, field + ".amount", ledger.Amount, folded.Amount);
            Compare(null, field + ".sum_of_squares", ledger.SumOfSquares, folded.SumOfSquares);
            Compare(null, field + ".last_paid_at", ledger.LastPaidAt.UtcTicks, folded.LastPaidAt.UtcTicks);
        }

        foreach (var missing in expected.Values.OrderBy(l => l.Id, StringComparer.Ordinal))
        {
            Add(null, $"node_ledger[{missing.Id}]", "missing", Text(missing.Total));
        }
    }

    private void CheckEvaluatorLedgers(IEnumerable<EvaluatorLedger> stored)
    {
        var expected = evaluatorLedgers.All.ToDictionary(l => (l.EvaluatorId, l.Partition));
        foreach (var ledger in stored.OrderBy(l => l.EvaluatorId, StringComparer.Ordinal).ThenBy(l => l.Partition))
        {
            string field = string.Create(CultureInfo.InvariantCulture, $"evaluator_ledger[{ledger.EvaluatorId}:{ledger.Partition}]");
            if (!expected.Remove((ledger.EvaluatorId, ledger.Partition), out var folded))
            {
                Add(null, field, $"{ledger.Sampled} sampled", "no recorded task sampled this evaluator in this partition");
                continue;
            }

            Compare(null, field + ".sampled", ledger.Sampled, folded.Sampled);
            Compare(null, field + ".scored", ledger.Scored, folded.Scored);
            Compare(null, field + ".settled", ledger.Settled, folded.Settled);
            Compare(null, field + ".excluded", ledger.Excluded, folded.Excluded);
            Compare(null, field + ".deviation_sum", ledger.DeviationSum, folded.DeviationSum);
            Compare(null, field + ".deviation_squares", ledger.DeviationSquares, folded.DeviationSquares);
            Compare(null, field + ".deviation_min", ledger.DeviationMin, folded.DeviationMin);
            Compare(null, field + ".deviation_max", ledger.DeviationMax, folded.DeviationMax);
            Compare(null, field + ".last_task_id", ledger.LastTaskId ?? "", folded.LastTaskId ?? "");
            Compare(null, field + ".trust", ledger.Trust ?? double.NaN, folded.Trust ?? double.NaN);
        }

        foreach (var missing in expected.Values.OrderBy(l => l.EvaluatorId, StringComparer.Ordinal).ThenBy(l => l.Partition))
        {
            Add(null, string.Create(CultureInfo.InvariantCulture, $"evaluator_ledger[{missing.EvaluatorId}:{missing.Partition}]"), "missing", $"{missing.Sampled} sampled");
        }
    }

    private void Compare(string? id, string field, decimal recorded, decimal recomputed)
    {
        // By value: 1.50 and 1.5 are the same amount (a decimal keeps the scale it was computed with).
        if (recorded != recomputed)
        {
            Add(id, field, recorded.ToString(CultureInfo.InvariantCulture), recomputed.ToString(CultureInfo.InvariantCulture));
        }
    }

    private void CheckSequentialTrust(TrustSnapshot trust, IEnumerable<EvaluatorTrust> stored)
    {
        var derived = trust.Entries;
        foreach (var evaluator in stored.OrderBy(t => t.Id, StringComparer.Ordinal))
        {
            if (derived.TryGetValue(evaluator.Id, out var entry))
            {
                Compare(null, $"evaluator_trust[{evaluator.Id}].weight", evaluator.Weight, entry.Weight);
                Compare(null, $"evaluator_trust[{evaluator.Id}].observations", evaluator.Observations, entry.Observations);
            }
        }
    }

    private bool ValidFacts(TaskFinalized task)
    {
        bool valid = true;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int scoreIndex = 0; scoreIndex < task.Facts.AcceptedScores.Count; scoreIndex++)
        {
            var score = task.Facts.AcceptedScores[scoreIndex];
            if (!seen.Add(score.EvaluatorId))
            {
                Add(task.TaskId, $"scores[{score.EvaluatorId}]", "accepted twice", "one score per evaluator");
                valid = false;
            }

            if (!double.IsFinite(score.Score) || score.Score < 0 || score.Score > 10)
            {
                Add(task.TaskId, $"scores[{score.EvaluatorId}].score", Text(score.Score), "a finite score within [0, 10]");
                valid = false;
            }

            if (!double.IsFinite(score.LatencyMs) || score.LatencyMs < 0)
            {
                Add(task.TaskId, $"scores[{score.EvaluatorId}].latency_ms", Text(score.LatencyMs), "a finite latency ≥ 0");
                valid = false;
            }
        }

        return valid;
    }

    private void Compare(string? id, string field, double recorded, double recomputed)
    {
        if (!recorded.Equals(recomputed))
        {
            Add(id, field, Text(recorded), Text(recomputed));
        }
    }

    private void Compare(string? id, string field, long recorded, long recomputed)
    {
        if (recorded != recomputed)
        {
            Add(id, field, recorded.ToString(CultureInfo.InvariantCulture), recomputed.ToString(CultureInfo.InvariantCulture));
        }
    }

    private void Compare(string? id, string field, string recorded, string recomputed)
    {
        if (!string.Equals(recorded, recomputed, StringComparison.Ordinal))
        {
            Add(id, field, recorded, recomputed);
        }
    }

    private void Add(string? id, string field, string recorded, string recomputed) => mismatches.Add(new AuditMismatch(id, field, recorded, recomputed));

    private static string Text(double? value) => value is { } v ? (double.IsNaN(v) ? "null" : v.ToString("R", CultureInfo.InvariantCulture)) : "null";
}

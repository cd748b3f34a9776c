using System.Globalization;
using PoQ.Projections.Documents;
using PoQ.Projections.Ledgers;
using PoQ.Settlement;
using PoQ.Settlement.Events;
using PoQ.Settlement.Trust;

namespace PoQ.Projections.Audit;

/// <summary>
/// Re-derives recorded settlements with the one settlement engine and compares every value exactly — doubles are
/// stored as their bits, so "equal" means bit-equal. <see cref="CheckAll"/> feeds the whole history in canonical order
/// through <see cref="SettlementChain"/> (the driver replay uses too): every task is re-decided against the trust the
/// chain derives, every epoch close is re-folded and compared with the recorded <see cref="TrustEpochClosed"/>, and the
/// node ledgers are compared with the fold of the recorded rewards. <see cref="CheckOne"/> re-decides one task against
/// its recorded trust. Pure: the caller loads the records (<see cref="AuditVerification"/>).
/// </summary>
public sealed class SettlementVerifier
{
    private readonly RecordedMechanisms mechanisms;
    private readonly List<AuditMismatch> mismatches = [];

    /// <summary>Creates a verifier and reports every recorded mechanism that cannot be rebuilt.</summary>
    public SettlementVerifier(RecordedMechanisms mechanisms)
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
    }

    /// <summary>Tasks checked so far.</summary>
    public long TasksChecked { get; private set; }

    /// <summary>The report of everything checked.</summary>
    public VerificationReport Report() => new(TasksChecked, mismatches);

    /// <summary>
    /// Re-derives a whole history: <paramref name="stored"/> in storage order (the node ledgers fold in it), the recorded
    /// epoch closes, the stored node ledgers and (sequential trust) the stored evaluator trust. Tasks are re-decided in
    /// canonical order (<see cref="TaskOrder"/>).
    /// </summary>
    public void CheckAll(IReadOnlyList<TaskFinalized> stored, IReadOnlyList<TrustEpochClosed> closes, IEnumerable<NodeLedger> ledgers, IEnumerable<EvaluatorTrust> sequentialTrust)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(closes);
        var chains = new Dictionary<string, (Mechanism Mechanism, SettlementChain Chain)>(StringComparer.Ordinal);
        var book = new NodeLedgerBook([]);
        foreach (var task in stored)
        {
            book.Evolve(task);
        }

        var tasks = stored.ToArray();
        Array.Sort(tasks, TaskOrder.Instance);
        long sequence = 0;
        foreach (var task in tasks)
        {
            TasksChecked++;
            if (Rebuilt(task) is not { } mechanism)
            {
                continue;
            }

            if (!chains.TryGetValue(mechanism.Hash, out var entry))
            {
                entry = (mechanism, new SettlementChain(mechanism, TrustSnapshot.Initial(mechanism.InitialWeight)));
                chains.Add(mechanism.Hash, entry);
            }

            var chain = entry.Chain;

            if (mechanism.Epochs.IsSequential)
            {
                Compare(task.TaskId, "epoch", task.Epoch, ++sequence);
            }

            if (!ValidFacts(task))
            {
                continue;
            }

            Compare(task, chain.Settle(task.Facts, task.Epoch));
        }

        long lastClose = closes.Count == 0 ? long.MinValue : closes.Max(c => c.Epoch);
        foreach (var (_, chain) in chains.Values)
        {
            chain.FoldThrough(lastClose);
        }

        CompareCloses(closes, chains.Values.SelectMany(c => c.Chain.Closes).ToList());
        CheckLedgers(book, ledgers);
        var sequential = chains.Values.Where(c => c.Mechanism.Epochs.IsSequential && c.Mechanism.Trust is not null).ToList();
        if (sequential.Count == 1)
        {
            CheckSequentialTrust(sequential[0].Chain.Trust, sequentialTrust);
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
        string recordedIds = string.Join(",", a.Verdicts.Select(v => v.EvaluatorId));
        string recomputedIds = string.Join(",", b.Verdicts.Select(v => v.EvaluatorId));
        if (recordedIds != recomputedIds)
        {
            Add(id, "verdicts", recordedIds, recomputedIds);
            return;
        }

        for (int i = 0; i < a.Verdicts.Count; i++)
        {
            var v = a.Verdicts[i];
            var w = b.Verdicts[i];
            string field = $"verdicts[{v.EvaluatorId}]";
            Compare(id, field + ".weight", v.Weight, w.Weight);
            Compare(id, field + ".excluded", v.Excluded.ToString(), w.Excluded.ToString());
            Compare(id, field + ".deviation", v.Deviation, w.Deviation);
            Compare(id, field + ".trust_before", v.TrustBefore, w.TrustBefore);
            Compare(id, field + ".observations_before", v.ObservationsBefore, w.ObservationsBefore);
            Compare(id, field + ".trust_signal", v.TrustSignal, w.TrustSignal);
            Compare(id, field + ".trust_after", v.TrustAfter, w.TrustAfter);
            Compare(id, field + ".reward", v.Reward, w.Reward);
        }
    }

    private void CompareCloses(IReadOnlyList<TrustEpochClosed> recorded, IReadOnlyList<TrustEpochClosed> recomputed)
    {
        var expected = recomputed.ToDictionary(c => c.Epoch);
        foreach (var close in recorded)
        {
            string field = string.Create(CultureInfo.InvariantCulture, $"trust_epoch[{close.Epoch}]");
            if (!expected.Remove(close.Epoch, out var derived))
            {
                Add(null, field, $"{close.Verdicts} verdicts", "no verdict closed in this epoch");
                continue;
            }

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

        foreach (var missing in expected.Values.OrderBy(c => c.Epoch))
        {
            Add(null, string.Create(CultureInfo.InvariantCulture, $"trust_epoch[{missing.Epoch}]"), "missing", $"{missing.Verdicts} verdicts folded");
        }
    }

    private void CheckLedgers(NodeLedgerBook book, IEnumerable<NodeLedger> stored)
    {
        var expected = book.All.ToDictionary(l => l.Id, StringComparer.Ordinal);
        foreach (var ledger in stored.OrderBy(l => l.Id, StringComparer.Ordinal))
        {
            string field = $"node_ledger[{ledger.Id}]";
            if (!expected.Remove(ledger.Id, out var folded))
            {
                Add(null, field, Text(ledger.Total), "no recorded reward for this node in this partition");
                continue;
            }

            Compare(null, field + ".count", ledger.Count, folded.Count);
            Compare(null, field + ".total", ledger.Total, folded.Total);
            Compare(null, field + ".mean", ledger.Mean, folded.Mean);
            Compare(null, field + ".sum_squared_deviations", ledger.SumSquaredDeviations, folded.SumSquaredDeviations);
        }

        foreach (var missing in expected.Values.OrderBy(l => l.Id, StringComparer.Ordinal))
        {
            Add(null, $"node_ledger[{missing.Id}]", "missing", Text(missing.Total));
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
        foreach (var score in task.Facts.AcceptedScores)
        {
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

using System.Globalization;
using PoQ.Consensus;
using PoQ.Consensus.Trust;
using PoQ.Projections.Documents;
using PoQ.Projections.Events;
using PoQ.Projections.Ledgers;
using PoQ.Rewards;

namespace PoQ.Projections.Audit;

/// <summary>
/// Re-derives recorded settlements with the core (<see cref="ConsensusEngine"/>, <see cref="RewardCalculator"/>) and
/// compares every value exactly — doubles round-trip through the event JSON, so "equal" means bit-equal. Fed tasks
/// in sequence order it also checks the chain: gap-free sequences, each evaluator's trust before equal to its
/// previous trust after, node ledgers equal to the fold of the recorded rewards, the trust-ledger stream equal to
/// the verdicts. Pure: the caller loads the records (<see cref="AuditVerification"/>).
/// </summary>
public sealed class SettlementVerifier
{
    private readonly RecordedMechanisms mechanisms;
    private readonly bool chain;
    private readonly List<AuditMismatch> mismatches = [];
    private readonly Dictionary<string, TrustEntry> trustAfter = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Task, string Evaluator), RecordedVerdict> trustVerdicts = [];
    private readonly NodeLedgerBook ledgers = new([]);
    private long lastSequence;

    /// <summary>Creates a verifier; <paramref name="chain"/> false checks tasks one by one (no sequence, trust chain or ledger checks).</summary>
    public SettlementVerifier(RecordedMechanisms mechanisms, bool chain)
    {
        ArgumentNullException.ThrowIfNull(mechanisms);
        this.mechanisms = mechanisms;
        this.chain = chain;
        foreach (var mechanism in mechanisms.All)
        {
            foreach (string problem in mechanism.Problems)
            {
                Add(null, $"mechanism[{mechanism.Configured.ParamsHash}/{mechanism.Configured.RewardParamsHash}]", problem, "consistent recorded parameters");
            }
        }
    }

    /// <summary>Tasks checked so far.</summary>
    public long TasksChecked { get; private set; }

    /// <summary>The mismatches found so far.</summary>
    public IReadOnlyList<AuditMismatch> Mismatches => mismatches;

    /// <summary>Re-derives one task (in sequence order when chaining).</summary>
    public void Check(TaskFinalized task)
    {
        ArgumentNullException.ThrowIfNull(task);
        TasksChecked++;
        string id = task.TaskId;
        var settlement = task.Settlement;
        if (chain)
        {
            Compare(id, "sequence", task.Sequence, lastSequence + 1);
            lastSequence = task.Sequence;
        }

        var mechanism = mechanisms.Find(settlement.ParamsHash, settlement.RewardParamsHash);
        if (mechanism is null)
        {
            Add(id, "params_hash", $"{settlement.ParamsHash}/{settlement.RewardParamsHash}", "no recorded MechanismConfigured with these hashes");
            return;
        }

        Compare(id, "rule", settlement.Rule, mechanism.Configured.Rule);
        if (mechanism.Rule is not { } rule || mechanism.Rewards is not { } rewards)
        {
            return; // reported once per mechanism
        }

        var scores = task.Facts.AcceptedScores.OrderBy(s => s.EvaluatorId, StringComparer.Ordinal).ToArray();
        int k = scores.Length;
        bool reached = k >= Math.Max(1, mechanism.Configured.Quorum);
        Compare(id, "status", settlement.Status, reached ? Settlement.Reached : Settlement.Insufficient);
        if (!reached || settlement.Status != Settlement.Reached)
        {
            if (!reached)
            {
                Compare(id, "consensus", Text(settlement.Consensus), "null");
                Compare(id, "inference_reward", settlement.InferenceReward, 0);
                Compare(id, "verdicts.count", settlement.Verdicts.Count, 0);
            }

            return;
        }

        var verdicts = settlement.Verdicts;
        string recordedIds = string.Join(",", verdicts.Select(v => v.EvaluatorId));
        string scoredIds = string.Join(",", scores.Select(s => s.EvaluatorId));
        if (recordedIds != scoredIds)
        {
            Add(id, "verdicts", recordedIds, scoredIds);
            return;
        }

        if (!Valid(id, scores))
        {
            return;
        }

        var values = scores.Select(s => s.Score).ToArray();
        var before = verdicts.Select(v => new TrustEntry(v.TrustBefore, v.ObservationsBefore)).ToArray();
        var weights = new double[k];
        var deviations = new double[k];
        var excluded = new bool[k];
        var after = new TrustEntry[k];
        double consensus = ConsensusEngine.Evaluate(rule, values, before, weights, deviations, excluded, after);
        Compare(id, "consensus", settlement.Consensus ?? double.NaN, consensus);

        var latencies = scores.Select(s => s.LatencyMs).ToArray();
        var amounts = new double[k];
        double inference = RewardCalculator.Allocate(rewards, consensus, task.Facts.InferenceLatencyMs, deviations, latencies, amounts);
        Compare(id, "inference_reward", settlement.InferenceReward, inference);
        for (int i = 0; i < k; i++)
        {
            var v = verdicts[i];
            string field = $"verdicts[{v.EvaluatorId}]";
            Compare(id, field + ".weight", v.Weight, weights[i]);
            Compare(id, field + ".excluded", v.Excluded.ToString(), excluded[i].ToString());
            Compare(id, field + ".deviation", v.Deviation, deviations[i]);
            Compare(id, field + ".trust_after", v.TrustAfter, after[i].Weight);
            Compare(id, field + ".reward", v.Reward, amounts[i]);
            if (chain)
            {
                var expected = trustAfter.TryGetValue(v.EvaluatorId, out var previous) ? previous : TrustEntry.Initial(rule.Trust?.Parameters.InitialWeight ?? 1.0);
                Compare(id, field + ".trust_before", v.TrustBefore, expected.Weight);
                Compare(id, field + ".observations_before", v.ObservationsBefore, expected.Observations);
                trustAfter[v.EvaluatorId] = new TrustEntry(v.TrustAfter, after[i].Observations);
                if (rule.Trust is not null)
                {
                    trustVerdicts[(id, v.EvaluatorId)] = v;
                }
            }
        }

        if (chain)
        {
            _ = ledgers.Evolve(task).Count();
        }
    }

    /// <summary>Checks the stored node ledgers against the fold of the recorded rewards (chain mode, after all tasks).</summary>
    public void CheckLedgers(IEnumerable<NodeLedger> stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var expected = ledgers.All.ToDictionary(l => l.Id, StringComparer.Ordinal);
        foreach (var ledger in stored.OrderBy(l => l.Id, StringComparer.Ordinal))
        {
            string field = $"node_ledger[{ledger.Id}]";
            if (!expected.Remove(ledger.Id, out var folded))
            {
                Add(null, field, Text(ledger.Total), "no recorded reward for this node");
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

    /// <summary>Checks the trust-ledger stream against the verdicts of trust-weighted tasks (chain mode, after all tasks).</summary>
    public void CheckTrustLedger(IEnumerable<RecordedTrustUpdate> updates)
    {
        ArgumentNullException.ThrowIfNull(updates);
        long sequence = 0;
        var seen = new HashSet<(string, string)>();
        foreach (var update in updates)
        {
            string field = $"trust_ledger[{update.Sequence}]";
            Compare(update.TaskId, field + ".sequence", update.Sequence, sequence + 1);
            sequence = update.Sequence;
            if (!trustVerdicts.TryGetValue((update.TaskId, update.EvaluatorId), out var verdict))
            {
                Add(update.TaskId, field, update.EvaluatorId, "no trust-weighted verdict for this evaluator");
                continue;
            }

            seen.Add((update.TaskId, update.EvaluatorId));
            Compare(update.TaskId, field + ".weight_before", update.WeightBefore, verdict.TrustBefore);
            Compare(update.TaskId, field + ".weight_after", update.WeightAfter, verdict.TrustAfter);
            Compare(update.TaskId, field + ".observations_after", update.ObservationsAfter, verdict.ObservationsBefore + 1);
        }

        foreach (var (task, evaluator) in trustVerdicts.Keys.Where(key => !seen.Contains(key)).Order())
        {
            Add(task, $"trust_ledger[{evaluator}]", "missing", "a trust update for this verdict");
        }
    }

    /// <summary>The report of everything checked.</summary>
    public VerificationReport Report() => new(TasksChecked, mismatches);

    private bool Valid(string id, IReadOnlyList<RecordedScore> scores)
    {
        bool valid = true;
        foreach (var score in scores)
        {
            if (!double.IsFinite(score.Score) || score.Score < 0 || score.Score > 10)
            {
                Add(id, $"scores[{score.EvaluatorId}].score", Text(score.Score), "a finite score within [0, 10]");
                valid = false;
            }

            if (!double.IsFinite(score.LatencyMs) || score.LatencyMs < 0)
            {
                Add(id, $"scores[{score.EvaluatorId}].latency_ms", Text(score.LatencyMs), "a finite latency ≥ 0");
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

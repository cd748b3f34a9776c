using PoQ.Projections.Ledgers;

namespace PoQ.Projections.Replay;

/// <summary>
/// A scenario side by side with a baseline (the recorded history or another scenario): per task the consensus
/// shift and who would have been trimmed or down-weighted, per node the reward delta, and aggregate figures.
/// Pure: both sides and the optional simulator manifest are passed in.
/// </summary>
/// <param name="Baseline">Name of the baseline (<c>recorded</c> or a scenario).</param>
/// <param name="Scenario">Name of the scenario.</param>
/// <param name="Tasks">Per task, in finalization order.</param>
/// <param name="Nodes">Per node and role, ordered by role then id.</param>
/// <param name="Totals">Aggregates.</param>
public sealed record ScenarioComparison(string Baseline, string Scenario, IReadOnlyList<TaskDelta> Tasks, IReadOnlyList<NodeDelta> Nodes, ComparisonTotals Totals)
{
    /// <summary>The baseline name of the recorded history.</summary>
    public const string Recorded = "recorded";

    // A share that differs by less than this is rounding, not a decision of the rule.
    private const double ShareTolerance = 1e-9;

    /// <summary>Compares the tasks both sides have (joined by task id), in the baseline's finalization order.</summary>
    public static ScenarioComparison Compare(string baselineName, IReadOnlyList<TaskOutcome> baseline, string scenarioName, IReadOnlyList<TaskOutcome> scenario, SimulationManifest? manifest = null)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(scenario);
        var byId = new Dictionary<string, TaskOutcome>(scenario.Count, StringComparer.Ordinal);
        foreach (var task in scenario)
        {
            byId[task.TaskId] = task;
        }

        var malicious = manifest is null ? null : new HashSet<string>(manifest.MaliciousEvaluators, StringComparer.Ordinal);
        var nodes = new Dictionary<(string Role, string Id), NodeAccumulator>();
        var deltas = new List<TaskDelta>(baseline.Count);
        int identical = 0, shifted = 0, trimmedPairs = 0, downWeightedPairs = 0, bothReached = 0, withTruth = 0;
        double payoutBaseline = 0, payoutScenario = 0, sumAbsShift = 0, maxAbsShift = 0, errorBaseline = 0, errorScenario = 0;
        foreach (var a in baseline.OrderBy(t => t.Sequence))
        {
            if (!byId.Remove(a.TaskId, out var b))
            {
                continue;
            }

            payoutBaseline += a.Payout;
            payoutScenario += b.Payout;
            Node(nodes, RecordedRoles.Inference, a.InferenceNodeId, malicious).Baseline += a.InferenceReward;
            Node(nodes, RecordedRoles.Inference, b.InferenceNodeId, malicious).Scenario += b.InferenceReward;
            foreach (var v in a.Verdicts)
            {
                Node(nodes, RecordedRoles.Evaluator, v.EvaluatorId, malicious).Baseline += v.Reward;
            }

            foreach (var v in b.Verdicts)
            {
                Node(nodes, RecordedRoles.Evaluator, v.EvaluatorId, malicious).Scenario += v.Reward;
            }

            var (trimmed, downWeighted) = Influence(a, b);
            foreach (string id in trimmed)
            {
                Node(nodes, RecordedRoles.Evaluator, id, malicious).Trimmed++;
            }

            foreach (string id in downWeighted)
            {
                Node(nodes, RecordedRoles.Evaluator, id, malicious).DownWeighted++;
            }

            trimmedPairs += trimmed.Count;
            downWeightedPairs += downWeighted.Count;
            double? truth = manifest is not null && manifest.HiddenTruth.TryGetValue(a.TaskId, out double t) ? t : null;
            if (a.Consensus is { } ca && b.Consensus is { } cb)
            {
                bothReached++;
                double shift = Math.Abs(cb - ca);
                shifted += shift > 0 ? 1 : 0;
                sumAbsShift += shift;
                maxAbsShift = Math.Max(maxAbsShift, shift);
                if (truth is { } known)
                {
                    withTruth++;
                    errorBaseline += Math.Abs(ca - known);
                    errorScenario += Math.Abs(cb - known);
                }
            }

            bool same = a.IdenticalTo(b);
            identical += same ? 1 : 0;
            deltas.Add(new TaskDelta(a.TaskId, a.Sequence, a.Consensus, b.Consensus, truth, a.Payout, b.Payout, trimmed, downWeighted, same));
        }

        var nodeDeltas = nodes
            .OrderBy(n => n.Key.Role, StringComparer.Ordinal).ThenBy(n => n.Key.Id, StringComparer.Ordinal)
            .Select(n => new NodeDelta(n.Key.Id, n.Key.Role, n.Value.Malicious, n.Value.Baseline, n.Value.Scenario, n.Value.Trimmed, n.Value.DownWeighted))
            .ToList();
        bool knowsMalice = malicious is not null;
        var totals = new ComparisonTotals
        {
            Tasks = deltas.Count,
            Unmatched = (baseline.Count - deltas.Count) + byId.Count,
            IdenticalTasks = identical,
            TasksShifted = shifted,
            MeanAbsShift = bothReached == 0 ? 0 : sumAbsShift / bothReached,
            MaxAbsShift = maxAbsShift,
            PayoutBaseline = payoutBaseline,
            PayoutScenario = payoutScenario,
            MaxAbsRewardDelta = nodeDeltas.Count == 0 ? 0 : nodeDeltas.Max(n => Math.Abs(n.Delta)),
            Trimmed = trimmedPairs,
            DownWeighted = downWeightedPairs,
            MaliciousPayoutBaseline = knowsMalice ? nodeDeltas.Where(n => n.Malicious == true).Sum(n => n.RewardBaseline) : null,
            MaliciousPayoutScenario = knowsMalice ? nodeDeltas.Where(n => n.Malicious == true).Sum(n => n.RewardScenario) : null,
            ConsensusErrorBaseline = withTruth > 0 ? errorBaseline / withTruth : null,
            ConsensusErrorScenario = withTruth > 0 ? errorScenario / withTruth : null,
        };
        return new ScenarioComparison(baselineName, scenarioName, deltas, nodeDeltas, totals);
    }

    /// <summary>
    /// Who lost influence in the scenario: newly excluded evaluators (trimmed), and kept evaluators whose share of the
    /// task's total weight fell (down-weighted). Shares, not raw weights, so rules with different weight scales compare.
    /// </summary>
    public static (IReadOnlyList<string> Trimmed, IReadOnlyList<string> DownWeighted) Influence(TaskOutcome baseline, TaskOutcome scenario)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(scenario);
        if (baseline.Consensus is null || scenario.Consensus is null)
        {
            return ([], []);
        }

        var before = Shares(baseline);
        var trimmed = new List<string>();
        var downWeighted = new List<string>();
        foreach (var (id, (share, excluded)) in Shares(scenario))
        {
            if (!before.TryGetValue(id, out var old) || old.Excluded)
            {
                continue;
            }

            if (excluded)
            {
                trimmed.Add(id);
            }
            else if (share < old.Share - ShareTolerance)
            {
                downWeighted.Add(id);
            }
        }

        return (trimmed, downWeighted);
    }

    private static Dictionary<string, (double Share, bool Excluded)> Shares(TaskOutcome task)
    {
        double total = 0;
        foreach (var v in task.Verdicts)
        {
            total += v.Excluded ? 0 : v.Weight;
        }

        var shares = new Dictionary<string, (double, bool)>(task.Verdicts.Count, StringComparer.Ordinal);
        foreach (var v in task.Verdicts)
        {
            shares[v.EvaluatorId] = (v.Excluded || total <= 0 ? 0 : v.Weight / total, v.Excluded);
        }

        return shares;
    }

    private static NodeAccumulator Node(Dictionary<(string, string), NodeAccumulator> nodes, string role, string id, HashSet<string>? malicious)
    {
        if (!nodes.TryGetValue((role, id), out var node))
        {
            node = new NodeAccumulator { Malicious = role == RecordedRoles.Evaluator && malicious is not null ? malicious.Contains(id) : null };
            nodes[(role, id)] = node;
        }

        return node;
    }

    private sealed class NodeAccumulator
    {
        public bool? Malicious { get; init; }

        public double Baseline { get; set; }

        public double Scenario { get; set; }

        public int Trimmed { get; set; }

        public int DownWeighted { get; set; }
    }
}

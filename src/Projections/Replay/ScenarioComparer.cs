using PoQ.Projections.Ledgers;
using PoQ.Projections.Model;

namespace PoQ.Projections.Replay;

/// <summary>
/// Builds a <see cref="ScenarioComparison"/> one task pair at a time, so a replay of any length compares as it streams:
/// per node and role the reward totals and influence counts, the aggregate figures, and — unless every task is kept (a
/// small comparison) — only the tasks a report shows: the largest consensus shifts and the tasks asked for by id.
/// Each task's delta is also handed to <see cref="TaskCompared"/> (e.g. a CSV writer).
/// </summary>
public sealed class ScenarioComparer(string baselineName, string scenarioName, SimulationManifest? manifest, bool keepEveryTask, IReadOnlySet<string>? watched = null)
{
    /// <summary>Largest shifts kept when not every task is.</summary>
    public const int KeptShifts = 15;

    private readonly HashSet<string>? malicious = manifest is null ? null : new HashSet<string>(manifest.MaliciousEvaluators, StringComparer.Ordinal);
    private readonly Dictionary<(string Role, string Id), NodeAccumulator> nodes = [];
    private readonly List<TaskDelta> kept = [];
    private readonly PriorityQueue<TaskDelta, double> largest = new();
    private int tasks, identical, shifted, trimmedPairs, downWeightedPairs, bothReached, withTruth;
    private double payoutBaseline, payoutScenario, sumAbsShift, maxAbsShift, errorBaseline, errorScenario;

    /// <summary>Receives every task's delta, in the order added.</summary>
    public Action<TaskDelta>? TaskCompared { get; init; }

    /// <summary>Tasks present on one side only (counted by the caller that joins the sides).</summary>
    public int Unmatched { get; set; }

    /// <summary>Adds one task as the baseline and the scenario settled it.</summary>
    public TaskDelta Add(TaskOutcome a, TaskOutcome b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        tasks++;
        payoutBaseline += a.Payout;
        payoutScenario += b.Payout;
        Node(RecordedRoles.Inference, a.InferenceNodeId).Baseline += a.InferenceReward;
        Node(RecordedRoles.Inference, b.InferenceNodeId).Scenario += b.InferenceReward;
        for (int vi = 0; vi < a.Verdicts.Count; vi++)
        {
            var v = a.Verdicts[vi];
            Node(RecordedRoles.Evaluator, v.EvaluatorId).Baseline += v.Reward;
        }

        for (int vi = 0; vi < b.Verdicts.Count; vi++)
        {
            var v = b.Verdicts[vi];
            Node(RecordedRoles.Evaluator, v.EvaluatorId).Scenario += v.Reward;
        }

        var (trimmed, downWeighted) = ScenarioComparison.Influence(a, b);
        foreach (string id in trimmed)
        {
            Node(RecordedRoles.Evaluator, id).Trimmed++;
        }

        foreach (string id in downWeighted)
        {
            Node(RecordedRoles.Evaluator, id).DownWeighted++;
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
        var delta = new TaskDelta(a.TaskId, a.Sequence, a.Consensus, b.Consensus, truth, a.Payout, b.Payout, trimmed, downWeighted, same);
        Keep(delta);
        TaskCompared?.Invoke(delta);
        return delta;
    }

    /// <summary>The comparison so far.</summary>
    public ScenarioComparison Finish()
    {
        var nodeDeltas = nodes
            .OrderBy(n => n.Key.Role, StringComparer.Ordinal).ThenBy(n => n.Key.Id, StringComparer.Ordinal)
            .Select(n => new NodeDelta(n.Key.Id, n.Key.Role, n.Value.Malicious, n.Value.Baseline, n.Value.Scenario, n.Value.Trimmed, n.Value.DownWeighted))
            .ToList();
        bool knowsMalice = malicious is not null;
        var totals = new ComparisonTotals
        {
            Tasks = tasks,
            Unmatched = Unmatched,
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
        var shown = keepEveryTask
            ? kept
            : [.. kept.Concat(largest.UnorderedItems.Select(x => x.Element)).DistinctBy(d => d.TaskId, StringComparer.Ordinal).OrderBy(d => d.Sequence)];
        return new ScenarioComparison(baselineName, scenarioName, shown, nodeDeltas, totals);
    }

    private void Keep(TaskDelta delta)
    {
        if (keepEveryTask || (watched?.Contains(delta.TaskId) ?? false))
        {
            kept.Add(delta);
            if (keepEveryTask)
            {
                return;
            }
        }

        if (delta.Shift is { } shift && shift != 0)
        {
            // A bounded min-heap of the largest |shift|: memory stays flat however many tasks stream by.
            largest.Enqueue(delta, Math.Abs(shift));
            if (largest.Count > KeptShifts)
            {
                largest.Dequeue();
            }
        }
    }

    private NodeAccumulator Node(string role, string id)
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

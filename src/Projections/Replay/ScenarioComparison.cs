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

        var comparer = new ScenarioComparer(baselineName, scenarioName, manifest, keepEveryTask: true);
        foreach (var a in baseline.OrderBy(t => t.Sequence))
        {
            if (byId.Remove(a.TaskId, out var b))
            {
                comparer.Add(a, b);
            }
            else
            {
                comparer.Unmatched++;
            }
        }

        comparer.Unmatched += byId.Count;
        return comparer.Finish();
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
}

using PoQ.Projections.Ledgers;
using PoQ.Projections.Model;

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

        // Linear scans over k verdicts: no dictionaries per task (a million-task replay compares a million pairs).
        double totalBefore = Total(baseline);
        double totalAfter = Total(scenario);
        List<string>? trimmed = null;
        List<string>? downWeighted = null;
        for (int vi = 0; vi < scenario.Verdicts.Count; vi++)
        {
            var v = scenario.Verdicts[vi];
            if (Find(baseline.Verdicts, v.EvaluatorId) is not { } old || old.Excluded)
            {
                continue;
            }

            if (v.Excluded)
            {
                (trimmed ??= []).Add(v.EvaluatorId);
            }
            else if (Share(v, totalAfter) < Share(old, totalBefore) - ShareTolerance)
            {
                (downWeighted ??= []).Add(v.EvaluatorId);
            }
        }

        return (trimmed ?? (IReadOnlyList<string>)[], downWeighted ?? (IReadOnlyList<string>)[]);
    }

    private static double Total(TaskOutcome task)
    {
        double total = 0;
        for (int vi = 0; vi < task.Verdicts.Count; vi++)
        {
            var v = task.Verdicts[vi];
            total += v.Excluded ? 0 : v.Weight;
        }

        return total;
    }

    private static double Share(Settlement.Events.RecordedVerdict v, double total) => v.Excluded || total <= 0 ? 0 : v.Weight / total;

    private static Settlement.Events.RecordedVerdict? Find(IReadOnlyList<Settlement.Events.RecordedVerdict> verdicts, string evaluatorId)
    {
        foreach (var v in verdicts)
        {
            if (string.Equals(v.EvaluatorId, evaluatorId, StringComparison.Ordinal))
            {
                return v;
            }
        }

        return null;
    }

}

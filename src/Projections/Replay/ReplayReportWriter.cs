using System.Globalization;
using System.Text;

namespace PoQ.Projections.Replay;

/// <summary>Writes a comparison as <c>report.md</c>, <c>tasks.csv</c> and <c>nodes.csv</c> (invariant culture, round-trip doubles).</summary>
public static class ReplayReportWriter
{
    /// <summary>File names inside the output directory.</summary>
    public const string Markdown = "report.md", TasksCsv = "tasks.csv", NodesCsv = "nodes.csv";

    /// <summary>
    /// Writes <c>report.md</c> and <c>nodes.csv</c>; <paramref name="chart"/> is a PNG already written there (linked from
    /// the report) or null. <c>tasks.csv</c> is written as the replay streams (<see cref="OpenTasksCsv"/>).
    /// </summary>
    public static void Write(string directory, ScenarioComparison comparison, ScenarioRun run, string? chart)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        ArgumentNullException.ThrowIfNull(run);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, NodesCsv), Nodes(comparison));
        File.WriteAllText(Path.Combine(directory, Markdown), Report(comparison, run, chart));
    }

    /// <summary>Header of <c>tasks.csv</c>.</summary>
    public const string TasksHeader = "task_id,sequence,consensus_recorded,consensus_scenario,shift,truth,payout_recorded,payout_scenario,trimmed,down_weighted,identical";

    /// <summary>Opens <c>tasks.csv</c> in <paramref name="directory"/> for a streaming replay, header written.</summary>
    public static TaskCsvWriter OpenTasksCsv(string directory)
    {
        Directory.CreateDirectory(directory);
        return new TaskCsvWriter(Path.Combine(directory, TasksCsv));
    }

    /// <summary>One line of <c>tasks.csv</c> (no newline).</summary>
    public static string TaskLine(TaskDelta t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return string.Create(CultureInfo.InvariantCulture, $"{t.TaskId},{t.Sequence},{R(t.ConsensusBaseline)},{R(t.ConsensusScenario)},{R(t.Shift)},{R(t.Truth)},{R(t.PayoutBaseline)},{R(t.PayoutScenario)},{string.Join(' ', t.Trimmed)},{string.Join(' ', t.DownWeighted)},{(t.Identical ? "true" : "false")}");
    }

    /// <summary>Text of <c>tasks.csv</c> for a comparison held in memory.</summary>
    public static string Tasks(ScenarioComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var csv = new StringBuilder(TasksHeader).Append('\n');
        foreach (var t in comparison.Tasks)
        {
            csv.Append(TaskLine(t)).Append('\n');
        }

        return csv.ToString();
    }

    /// <summary>Text of <c>nodes.csv</c>.</summary>
    public static string Nodes(ScenarioComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var csv = new StringBuilder("node_id,role,malicious,reward_recorded,reward_scenario,delta,times_trimmed,times_down_weighted\n");
        foreach (var n in comparison.Nodes)
        {
            string malicious = n.Malicious switch { true => "true", false => "false", null => "unknown" };
            csv.Append(CultureInfo.InvariantCulture, $"{n.NodeId},{n.Role},{malicious},{R(n.RewardBaseline)},{R(n.RewardScenario)},{R(n.Delta)},{n.TimesTrimmed},{n.TimesDownWeighted}\n");
        }

        return csv.ToString();
    }

    /// <summary>Text of <c>report.md</c>.</summary>
    public static string Report(ScenarioComparison comparison, ScenarioRun run, string? chart)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        ArgumentNullException.ThrowIfNull(run);
        var t = comparison.Totals;
        var md = new StringBuilder();
        md.Append(CultureInfo.InvariantCulture, $"# Replay: scenario `{comparison.Scenario}` vs `{comparison.Baseline}`\n\n");
        string parameters = run.Parameters.Count == 0 ? "none" : string.Join(", ", run.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
        md.Append(CultureInfo.InvariantCulture, $"- rule: `{run.Rule}` ({parameters}; hash `{run.ParamsHash}`), reward parameters `{run.RewardParamsHash}` (recorded), quorum {run.Quorum}\n");
        md.Append(CultureInfo.InvariantCulture, $"- range (close time): {Time(run.From)} to {Time(run.To)} — sequences {run.FirstSequence}–{run.LastSequence}, {run.Tasks:N0} tasks ({run.TasksReached:N0} with a consensus), {run.Scores:N0} scores\n");
        if (run.DetectionRun is { } detection)
        {
            md.Append(CultureInfo.InvariantCulture, $"- down-weighted (flagged_weight) the {run.FlaggedEvaluators.Count} evaluators flagged by detection run `{detection}`: {string.Join(", ", run.FlaggedEvaluators)}\n");
        }

        md.Append(CultureInfo.InvariantCulture, $"- replayed at {run.CreatedAt:O}; replay never pays: nothing was published and the recorded history is unchanged\n\n");
        md.Append("## Aggregates\n\n| figure | ").Append(comparison.Baseline).Append(" | ").Append(comparison.Scenario).Append(" | Δ |\n|---|---:|---:|---:|\n");
        Row(md, "total payout", t.PayoutBaseline, t.PayoutScenario);
        Row(md, "payout to malicious evaluators", t.MaliciousPayoutBaseline, t.MaliciousPayoutScenario);
        Row(md, "consensus error vs hidden truth (MAE)", t.ConsensusErrorBaseline, t.ConsensusErrorScenario);
        md.Append('\n');
        md.Append(CultureInfo.InvariantCulture, $"- tasks compared: {t.Tasks:N0}; bit-for-bit identical: {t.IdenticalTasks:N0}{(t.Unmatched > 0 ? $"; present on one side only: {t.Unmatched:N0}" : "")}\n");
        md.Append(CultureInfo.InvariantCulture, $"- consensus shifted on {t.TasksShifted:N0} tasks; mean |shift| {t.MeanAbsShift:F4}, max |shift| {t.MaxAbsShift:F4}\n");
        md.Append(CultureInfo.InvariantCulture, $"- evaluators newly trimmed: {t.Trimmed:N0} (task, evaluator) pairs; down-weighted: {t.DownWeighted:N0}\n");
        md.Append(CultureInfo.InvariantCulture, $"- max |reward delta| of a node: {t.MaxAbsRewardDelta:F4}\n\n");
        if (chart is not null)
        {
            md.Append(CultureInfo.InvariantCulture, $"![reward per node, {comparison.Baseline} vs {comparison.Scenario}]({Path.GetFileName(chart)})\n\n");
        }

        md.Append("## Nodes (largest |delta| first)\n\n| node | role | malicious | ").Append(comparison.Baseline).Append(" | ").Append(comparison.Scenario)
            .Append(" | delta | trimmed | down-weighted |\n|---|---|---|---:|---:|---:|---:|---:|\n");
        foreach (var n in comparison.Nodes.OrderByDescending(n => Math.Abs(n.Delta)).ThenBy(n => n.NodeId, StringComparer.Ordinal).Take(30))
        {
            string malicious = n.Malicious switch { true => "yes", false => "no", null => "unknown" };
            md.Append(CultureInfo.InvariantCulture, $"| {n.NodeId} | {n.Role} | {malicious} | {n.RewardBaseline:F4} | {n.RewardScenario:F4} | {n.Delta:+0.0000;-0.0000;0} | {n.TimesTrimmed} | {n.TimesDownWeighted} |\n");
        }

        md.Append("\n## Tasks with the largest consensus shift\n\n| task | ").Append(comparison.Baseline).Append(" | ").Append(comparison.Scenario).Append(" | shift | truth | trimmed | down-weighted |\n|---|---:|---:|---:|---:|---|---|\n");
        foreach (var d in comparison.Tasks.Where(d => d.Shift is { } s && s != 0).OrderByDescending(d => Math.Abs(d.Shift!.Value)).Take(15))
        {
            md.Append(CultureInfo.InvariantCulture, $"| {d.TaskId} | {d.ConsensusBaseline:F3} | {d.ConsensusScenario:F3} | {d.Shift:+0.000;-0.000} | {(d.Truth is { } truth ? truth.ToString("F2", CultureInfo.InvariantCulture) : "unknown")} | {string.Join(' ', d.Trimmed)} | {string.Join(' ', d.DownWeighted)} |\n");
        }

        md.Append("\nFull tables: `tasks.csv`, `nodes.csv`.\n");
        return md.ToString();
    }

    private static void Row(StringBuilder md, string name, double? baseline, double? scenario) =>
        md.Append(CultureInfo.InvariantCulture, $"| {name} | {F(baseline)} | {F(scenario)} | {(baseline is { } b && scenario is { } s ? (s - b).ToString("+0.0000;-0.0000;0", CultureInfo.InvariantCulture) : "unknown")} |\n");

    private static string F(double? value) => value is { } v ? v.ToString("F4", CultureInfo.InvariantCulture) : "unknown";

    private static string R(double? value) => value is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : "";

    private static string Time(DateTimeOffset? at) => at is { } t ? t.ToString("O", CultureInfo.InvariantCulture) : "(open)";
}

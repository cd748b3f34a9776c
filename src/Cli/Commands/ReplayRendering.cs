using System.Globalization;
using PoQ.Experiments.Plots;
using PoQ.Projections.Ledgers;
using PoQ.Projections.Replay;
using Spectre.Console;

namespace PoQ.Cli.Commands;

/// <summary>How <c>poq replay</c> shows a comparison: report files and chart, or a terminal table (<c>--json</c>: <see cref="Json.ReplayJson"/>).</summary>
internal static class ReplayRendering
{
    public const string ChartFile = "rewards.png";

    /// <summary>Writes report.md, tasks.csv, nodes.csv and the chart; returns the chart's path.</summary>
    public static string WriteReport(string directory, ScenarioComparison comparison, ScenarioRun run)
    {
        Directory.CreateDirectory(directory);
        var nodes = comparison.Nodes.OrderBy(n => n.Role == RecordedRoles.Inference ? 0 : 1).ThenBy(n => n.NodeId.Length).ThenBy(n => n.NodeId, StringComparer.Ordinal).ToList();
        string chart = ReplayPlots.RewardBars(
            [.. nodes.Select(n => n.Malicious == true ? n.NodeId + " [M]" : n.NodeId)],
            [.. nodes.Select(n => n.RewardBaseline)],
            [.. nodes.Select(n => n.RewardScenario)],
            comparison.Baseline,
            $"{comparison.Scenario} ({run.Rule})",
            $"Total reward per node: {comparison.Baseline} vs scenario {comparison.Scenario}" + (comparison.Totals.MaliciousPayoutBaseline is null ? "" : "  ([M] = tagged malicious by the simulator)"),
            Path.Combine(directory, ChartFile));
        ReplayReportWriter.Write(directory, comparison, run, chart);
        return chart;
    }

    public static void Terminal(ReplayResult result, IReadOnlyList<string> tasks, IReadOnlyList<string> nodes, string directory, string chart, TimeSpan replayTime)
    {
        var (comparison, run) = (result.Comparison, result.Run);
        var t = comparison.Totals;
        string b = Markup.Escape(comparison.Baseline);
        string s = Markup.Escape(comparison.Scenario);
        var table = new Table().Title($"scenario {s} ({Markup.Escape(run.Rule)} {Markup.Escape(run.ParamsHash)}) vs {b}")
            .AddColumn("figure").AddColumn(new TableColumn(b).RightAligned()).AddColumn(new TableColumn(s).RightAligned()).AddColumn(new TableColumn("Δ").RightAligned());
        table.AddRow("total payout", F(t.PayoutBaseline), F(t.PayoutScenario), D(t.PayoutBaseline, t.PayoutScenario));
        table.AddRow("payout to malicious evaluators", F(t.MaliciousPayoutBaseline), F(t.MaliciousPayoutScenario), D(t.MaliciousPayoutBaseline, t.MaliciousPayoutScenario));
        table.AddRow("consensus error vs hidden truth", F(t.ConsensusErrorBaseline), F(t.ConsensusErrorScenario), D(t.ConsensusErrorBaseline, t.ConsensusErrorScenario));
        AnsiConsole.Write(table);

        var nodeTable = new Table().Title("nodes with the largest reward delta").AddColumn("node").AddColumn("role").AddColumn("malicious")
            .AddColumn(new TableColumn(b).RightAligned()).AddColumn(new TableColumn(s).RightAligned()).AddColumn(new TableColumn("delta").RightAligned())
            .AddColumn(new TableColumn("trimmed").RightAligned()).AddColumn(new TableColumn("down-weighted").RightAligned());
        var shown = comparison.Nodes.Where(n => nodes.Contains(n.NodeId)).ToList();
        foreach (var n in shown.Count > 0 ? shown : [.. comparison.Nodes.OrderByDescending(n => Math.Abs(n.Delta)).Take(10)])
        {
            nodeTable.AddRow(Markup.Escape(n.NodeId), n.Role, n.Malicious switch { true => "yes", false => "no", null => "unknown" }, F(n.RewardBaseline), F(n.RewardScenario), D(n.RewardBaseline, n.RewardScenario), I(n.TimesTrimmed), I(n.TimesDownWeighted));
        }

        AnsiConsole.Write(nodeTable);
        foreach (var d in comparison.Tasks.Where(d => tasks.Contains(d.TaskId)))
        {
            AnsiConsole.MarkupLine(CultureInfo.InvariantCulture, "task [bold]{0}[/] (#{1}): consensus {2} → {3} (truth {4}); payout {5} → {6}; trimmed: {7}; down-weighted: {8}",
                Markup.Escape(d.TaskId), d.Sequence, F(d.ConsensusBaseline), F(d.ConsensusScenario), F(d.Truth), F(d.PayoutBaseline), F(d.PayoutScenario),
                Markup.Escape(d.Trimmed.Count == 0 ? "none" : string.Join(' ', d.Trimmed)), Markup.Escape(d.DownWeighted.Count == 0 ? "none" : string.Join(' ', d.DownWeighted)));
        }

        string identical = t.Reproduces ? $"[green]all {t.Tasks:N0} tasks bit-for-bit identical[/]" : $"{t.IdenticalTasks:N0} of {t.Tasks:N0} tasks bit-for-bit identical";
        AnsiConsole.MarkupLine(CultureInfo.InvariantCulture, "{0:N0} tasks, {1:N0} scores replayed in {2:F2} s ({3:N0} scores/min); recorded under {4}", run.Tasks, run.Scores, replayTime.TotalSeconds, run.Scores / Math.Max(replayTime.TotalMinutes, 1e-9), Markup.Escape(string.Join(", ", result.RecordedRules)));
        AnsiConsole.MarkupLine(CultureInfo.InvariantCulture, "{0}; consensus moved on {1:N0} tasks (max |shift| {2:F4}); {3:N0} trimmed and {4:N0} down-weighted (task, evaluator) pairs; max |reward delta| {5:F4}",
            identical, t.TasksShifted, t.MaxAbsShift, t.Trimmed, t.DownWeighted, t.MaxAbsRewardDelta);
        if (t.MaliciousPayoutBaseline is null)
        {
            AnsiConsole.MarkupLine("[grey]malicious evaluators and hidden truth: unknown (no simulation manifest in this store)[/]");
        }

        if (run.DetectionRun is { } detection)
        {
            AnsiConsole.MarkupLine($"down-weighted {run.FlaggedEvaluators.Count} flagged evaluators (detection run {Markup.Escape(detection)}): {Markup.Escape(string.Join(", ", run.FlaggedEvaluators))}");
        }

        AnsiConsole.MarkupLine($"digest: {Markup.Escape(run.Digest)}");
        AnsiConsole.MarkupLine($"[grey]scenario written: {Markup.Escape(run.Id)} (schema poq_scenarios); nothing published, nothing paid. Report: {Markup.Escape(Path.Combine(directory, ReplayReportWriter.Markdown))}, {Markup.Escape(Path.GetFileName(chart))}, tasks.csv, nodes.csv[/]");
    }

    private static string F(double? value) => value is { } v ? v.ToString("F4", CultureInfo.InvariantCulture) : "unknown";

    private static string D(double? a, double? b) => a is { } x && b is { } y ? (y - x).ToString("+0.0000;-0.0000;0", CultureInfo.InvariantCulture) : "unknown";

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);
}

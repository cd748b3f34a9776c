using System.Globalization;
using PoQ.Projections.Detection;
using Spectre.Console;

namespace PoQ.Cli.Commands;

/// <summary>Terminal tables of detection flags: <c>poq audit detect</c> and the flags section of <c>poq audit evaluator</c>.</summary>
internal static class FlagRendering
{
    public static void Run(DetectionAudit audit)
    {
        var summary = new Table().Title(Markup.Escape($"detection run {audit.Run}")).AddColumn("").AddColumn("").HideHeaders();
        summary.AddRow("recorded", audit.Recorded ? "now" : "already (same history digest and options): read back, not appended");
        summary.AddRow("tasks / verdicts", $"{I(audit.Tasks)} / {I(audit.Verdicts)}");
        summary.AddRow("history digest", Markup.Escape(audit.HistoryDigest));
        summary.AddRow("closed (log time)", Markup.Escape($"{audit.FirstClosedAt:O} … {audit.LastClosedAt:O}"));
        summary.AddRow("pairs tested / baseline", $"{I(audit.PairsTested)} / {P(audit.AgreementBaseline)}");
        summary.AddRow("evaluators tested / copy baseline", $"{I(audit.EvaluatorsTested)} / {P(audit.CopyBaseline)}");
        summary.AddRow("options", Markup.Escape(string.Join(" ", audit.Options.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key}={o.Value}"))));
        AnsiConsole.Write(summary);
        Flags($"{audit.Flags.Count} flags", audit.Flags);
    }

    /// <summary>One row per flag, its evidence in words; a line saying so when there is none.</summary>
    public static void Flags(string title, IReadOnlyList<FlagView> flags)
    {
        if (flags.Count == 0)
        {
            AnsiConsole.MarkupLine($"[grey]{Markup.Escape(title)}: none[/]");
            return;
        }

        var table = new Table().Title(Markup.Escape(title)).AddColumn("kind").AddColumn("evaluators").AddColumn(new TableColumn("p").RightAligned())
            .AddColumn(new TableColumn("threshold").RightAligned()).AddColumn("evidence");
        foreach (var flag in flags)
        {
            table.AddRow(flag.Kind, Markup.Escape(string.Join(", ", flag.Evaluators)), E(flag.Statistic), E(flag.Threshold), Markup.Escape(Evidence(flag)));
        }

        AnsiConsole.Write(table);
    }

    private static string Evidence(FlagView flag) => flag.Evidence is { } copy
        ? string.Create(CultureInfo.InvariantCulture, $"equals the node's previous consensus on {copy.Copies} of {copy.Tasks} tasks (baseline {copy.Baseline:P2}); median latency {copy.MedianLatencyMs:0} ms ({(copy.LatencyRatio is { } r ? r.ToString("0.00", CultureInfo.InvariantCulture) : "–")}× the population's)")
        : string.Join("; ", flag.Pairs.Select(p => string.Create(CultureInfo.InvariantCulture,
            $"{p.EvaluatorA}–{p.EvaluatorB}: {p.CloseAgreements}/{p.Tasks} close agreements (baseline {p.Baseline:P2}), bound ties {p.BoundTies}/{p.BoundTrials}, r = {(p.DeviationCorrelation is { } c ? c.ToString("0.00", CultureInfo.InvariantCulture) : "–")}")));

    private static string E(double value) => value.ToString("0.##E+0", CultureInfo.InvariantCulture);

    private static string P(double? value) => value is { } v ? v.ToString("P2", CultureInfo.InvariantCulture) : "–";

    private static string I(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}

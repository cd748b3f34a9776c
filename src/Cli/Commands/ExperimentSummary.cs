using System.Globalization;
using PoQ.Experiments;
using PoQ.Experiments.Findings;
using PoQ.Experiments.Robustness;
using Spectre.Console;

namespace PoQ.Cli.Commands;

/// <summary>The end-of-run console summary: data source, timings, the findings' verdicts, files written.</summary>
internal static class ExperimentSummary
{
    public static void Print(ExperimentResult result, TimeSpan corpusTime, string output)
    {
        var corpus = result.Corpus;
        AnsiConsole.MarkupLine(corpus.IsSynthetic
            ? $"[yellow]data: synthetic fallback[/] — {Markup.Escape(corpus.SourceDescription)}"
            : $"data: real — {Markup.Escape(corpus.SourceDescription)}");
        AnsiConsole.WriteLine(FormattableString.Invariant($"corpus: {corpus.Items.Count} items, {corpus.EvaluatorNames.Count} evaluators, loaded in {corpusTime.TotalSeconds:F1} s"));
        if (result.Robustness is { } sweep)
        {
            AnsiConsole.WriteLine(FormattableString.Invariant($"robustness sweep: {sweep.Runs} runs in {sweep.Elapsed.TotalSeconds:F1} s"));
        }

        if (result.Sampling is { } sampling)
        {
            AnsiConsole.WriteLine(FormattableString.Invariant($"sampling: {sampling.Count} runs in {result.SamplingElapsed.TotalSeconds:F1} s"));
        }

        if (result.Robustness is { } epochs && TrustEpochCosts.Of(epochs) is { Count: > 0 } costs)
        {
            var cost = new Table().Title(FormattableString.Invariant($"Cost of epoch trust vs {TrustEpochCosts.Describe(epochs.PaperTrustEpoch)} (epoch in tasks/evaluator; mean over attacks, ρ, k)"))
                .AddColumn("rule").AddColumn(new TableColumn("epoch").RightAligned()).AddColumn(new TableColumn("MAE ref").RightAligned()).AddColumn(new TableColumn("MAE cost").RightAligned())
                .AddColumn(new TableColumn("worst").RightAligned()).AddColumn(new TableColumn("inference Σ").RightAligned()).AddColumn(new TableColumn("evaluator Σ").RightAligned());
            foreach (var s in TrustEpochCosts.Summarise(costs))
            {
                cost.AddRow(
                    Markup.Escape(s.Rule),
                    s.TrustEpoch.ToString("0.###", CultureInfo.InvariantCulture),
                    FormattableString.Invariant($"{s.MeanSequentialMae:F3}"),
                    FormattableString.Invariant($"{s.MeanMaeCost:+0.0000;-0.0000;0.0000}"),
                    FormattableString.Invariant($"{s.WorstMaeCost.MaeCost:+0.0000;-0.0000;0.0000}"),
                    FormattableString.Invariant($"{s.MeanInferencePayoutChange * 100:+0.00;-0.00;0.00} %"),
                    FormattableString.Invariant($"{s.MeanEvaluatorPayoutChange * 100:+0.00;-0.00;0.00} %"));
            }

            AnsiConsole.Write(cost);
        }

        if (result.Detection is { Count: > 0 } detection)
        {
            var flags = new Table().Title("Collusion and copy detection (detection.csv)")
                .AddColumn("attack").AddColumn(new TableColumn("ρ").RightAligned()).AddColumn(new TableColumn("flagged").RightAligned()).AddColumn(new TableColumn("precision").RightAligned())
                .AddColumn(new TableColumn("recall").RightAligned()).AddColumn(new TableColumn("false flags").RightAligned()).AddColumn(new TableColumn("attacker Σ").RightAligned()).AddColumn(new TableColumn("down-weighted Σ").RightAligned());
            foreach (var r in detection)
            {
                flags.AddRow(
                    Markup.Escape(r.Attack),
                    r.MaliciousRatio.ToString("0.##", CultureInfo.InvariantCulture),
                    FormattableString.Invariant($"{r.Flagged}/{r.Malicious + r.Honest}"),
                    FormattableString.Invariant($"{r.Precision:F2}"),
                    FormattableString.Invariant($"{r.Recall:F2}"),
                    FormattableString.Invariant($"{r.FalseFlagRate * 100:F1} %"),
                    FormattableString.Invariant($"{r.AttackerPayout:F1}"),
                    FormattableString.Invariant($"{r.AttackerPayoutDownweighted:F1}"));
            }

            AnsiConsole.Write(flags);
        }

        if (result.Escalation is { Count: > 0 } escalation)
        {
            var rows = new Table().Title("Disagreement escalation (escalation.csv)")
                .AddColumn("attack").AddColumn(new TableColumn("escalated").RightAligned()).AddColumn(new TableColumn("extra scores").RightAligned())
                .AddColumn(new TableColumn("MAE → escalated").RightAligned()).AddColumn(new TableColumn("attacker Σ → escalated").RightAligned());
            foreach (var r in escalation)
            {
                rows.AddRow(
                    Markup.Escape(r.Attack),
                    FormattableString.Invariant($"{r.EscalatedShare * 100:F1} %"),
                    FormattableString.Invariant($"+{r.ExtraScoreShare * 100:F1} %"),
                    FormattableString.Invariant($"{r.Mae:F3} → {r.MaeEscalated:F3}"),
                    FormattableString.Invariant($"{r.AttackerPayout:F1} → {r.AttackerPayoutEscalated:F1}"));
            }

            AnsiConsole.Write(rows);
        }

        var table = new Table().Title("Paper findings").AddColumn("#").AddColumn("finding").AddColumn("verdict").AddColumn("key figures [[95 % interval]]");
        foreach (var finding in result.Findings)
        {
            string colour = finding.Verdict switch
            {
                FindingVerdict.Held => "green",
                FindingVerdict.DidNotHold => "red",
                _ => "grey",
            };
            table.AddRow(
                finding.Number.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(finding.Statement),
                $"[{colour}]{Markup.Escape(finding.VerdictText)}[/]",
                Markup.Escape(finding.Headline));
        }

        AnsiConsole.Write(table);
        AnsiConsole.WriteLine($"wrote {result.Files.Count} files to {Path.GetFullPath(output)}: {string.Join(", ", result.Files.Select(Path.GetFileName))}");
    }
}

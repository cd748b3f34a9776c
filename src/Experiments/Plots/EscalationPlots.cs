using PoQ.Experiments.Escalation;
using ScottPlot;
using ScottPlot.MultiplotLayouts;

namespace PoQ.Experiments.Plots;

/// <summary>escalation.png: what escalation buys (MAE, the attackers' share) and what it costs (extra scores), per attack.</summary>
public static class EscalationPlots
{
    private static readonly IPalette Palette = new ScottPlot.Palettes.Category10();

    /// <summary>
    /// Three panels per attack: MAE and the attackers' share of evaluator pay (paired bars, without and with escalation;
    /// the share, because escalation pays more evaluators and totals rise with it), and extra scores as a share of k · tasks.
    /// </summary>
    public static string Escalation(IReadOnlyList<EscalationRow> rows, string path)
    {
        ArgumentNullException.ThrowIfNull(rows);
        PlotFonts.Install();
        var multiplot = new Multiplot();
        multiplot.AddPlots(3);
        multiplot.Layout = new Grid(1, 3);
        string[] attacks = [.. rows.Select(r => r.Attack)];
        Pairs(multiplot.GetPlot(0), attacks, [.. rows.Select(r => r.Mae)], [.. rows.Select(r => r.MaeEscalated)], "MAE against the proxy");
        Pairs(multiplot.GetPlot(1), attacks, [.. rows.Select(r => r.AttackerShare * 100)], [.. rows.Select(r => r.AttackerShareEscalated * 100)], "% of all evaluator rewards");
        var cost = multiplot.GetPlot(2);
        cost.Add.Bars(rows.Select((r, i) => new Bar { Position = i, Value = r.ExtraScoreShare * 100, FillColor = Palette.GetColor(2) }).ToArray());
        cost.Axes.Bottom.SetTicks([.. Enumerable.Range(0, attacks.Length).Select(i => (double)i)], attacks);
        cost.Title("Cost: extra scores", size: 14);
        cost.YLabel("% of k · tasks", size: 12);
        cost.Axes.Margins(bottom: 0);
        var first = rows.Count > 0 ? rows[0] : null;
        multiplot.GetPlot(0).Title(first is null ? "MAE" : FormattableString.Invariant($"MAE — ρ = {first.MaliciousRatio}, MAD > {first.Threshold} → +{first.Extra}"), size: 14);
        multiplot.GetPlot(1).Title("Attackers' share of evaluator pay", size: 14);
        multiplot.SavePng(path, 1500, 480);
        return path;
    }

    // Paired bars per attack: without escalation (left), with it (right).
    private static void Pairs(Plot plot, string[] attacks, double[] without, double[] with, string label)
    {
        var left = plot.Add.Bars(without.Select((v, i) => new Bar { Position = (3 * i) + 0.0, Value = v, FillColor = Palette.GetColor(0) }).ToArray());
        left.LegendText = "without escalation";
        var right = plot.Add.Bars(with.Select((v, i) => new Bar { Position = (3 * i) + 1.0, Value = v, FillColor = Palette.GetColor(1) }).ToArray());
        right.LegendText = "with escalation";
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, attacks.Length).Select(i => (3.0 * i) + 0.5)], attacks);
        plot.YLabel(label, size: 12);
        plot.Axes.Margins(bottom: 0);
        plot.ShowLegend(Edge.Bottom);
    }
}

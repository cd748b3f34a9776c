using PoQ.Experiments.Detection;
using ScottPlot;
using ScottPlot.MultiplotLayouts;

namespace PoQ.Experiments.Plots;

/// <summary>detection.png: how well detection separates attackers, and what down-weighting takes from them.</summary>
public static class DetectionPlots
{
    private static readonly IPalette Palette = new ScottPlot.Palettes.Category10();

    /// <summary>
    /// One row of two panels per attack: precision, recall and the false-flag rate against ρ (with the 1 % target drawn),
    /// and the attackers' payout with and without down-weighting against ρ.
    /// </summary>
    public static string Detection(IReadOnlyList<DetectionRow> rows, string path)
    {
        ArgumentNullException.ThrowIfNull(rows);
        PlotFonts.Install();
        var attacks = rows.Select(r => r.Attack).Distinct(StringComparer.Ordinal).ToArray();
        var multiplot = new Multiplot();
        multiplot.AddPlots(Math.Max(1, attacks.Length) * 2);
        multiplot.Layout = new Grid(Math.Max(1, attacks.Length), 2);
        for (int a = 0; a < attacks.Length; a++)
        {
            var series = rows.Where(r => r.Attack == attacks[a]).OrderBy(r => r.MaliciousRatio).ToArray();
            var xs = series.Select(r => r.MaliciousRatio).ToArray();
            var quality = multiplot.GetPlot(2 * a);
            Line(quality, xs, [.. series.Select(r => r.Precision)], "precision", 0);
            Line(quality, xs, [.. series.Select(r => r.Recall)], "recall", 1);
            Line(quality, xs, [.. series.Select(r => r.FalseFlagRate)], "false-flag rate (honest)", 3);
            var target = quality.Add.HorizontalLine(0.01, 1, Colors.Gray, LinePattern.Dashed);
            target.LegendText = "1 % target";
            quality.Axes.SetLimitsY(-0.05, 1.05);
            quality.Title($"Detection — {attacks[a]} attack", size: 14);
            quality.XLabel("malicious ratio ρ", size: 12);
            quality.YLabel("share", size: 12);
            quality.ShowLegend(Edge.Right);

            var payout = multiplot.GetPlot((2 * a) + 1);
            string weight = series.Length == 0 ? string.Empty : FormattableString.Invariant($" (flagged_weight = {series[0].FlaggedWeight})");
            Line(payout, xs, [.. series.Select(r => r.AttackerPayout)], "without down-weighting", 0);
            Line(payout, xs, [.. series.Select(r => r.AttackerPayoutDownweighted)], "flagged down-weighted" + weight, 2);
            payout.Title($"Payout to attackers — {attacks[a]} attack", size: 14);
            payout.XLabel("malicious ratio ρ", size: 12);
            payout.YLabel("Σ rewards to malicious evaluators", size: 12);
            payout.ShowLegend(Edge.Right);
        }

        multiplot.SavePng(path, 1400, 420 * Math.Max(1, attacks.Length));
        return path;
    }

    private static void Line(Plot plot, double[] xs, double[] ys, string label, int color)
    {
        var line = plot.Add.Scatter(xs, ys, Palette.GetColor(color));
        line.LegendText = label;
        line.LineWidth = 2;
        line.MarkerSize = 8;
    }
}

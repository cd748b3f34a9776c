using PoQ.Experiments.Robustness;
using ScottPlot;
using ScottPlot.MultiplotLayouts;

namespace PoQ.Experiments.Plots;

/// <summary>trust_epochs.png: what epoch trust costs in MAE, per trust-weighted rule, against ρ.</summary>
public static class TrustEpochPlots
{
    private static readonly IPalette Palette = new ScottPlot.Palettes.Category10();

    /// <summary>
    /// One panel per rule: MAE(epoch) − MAE(sequential) at k = <paramref name="k"/>, averaged over the attacks, against ρ;
    /// one line per trust epoch, with the zero line (no cost) drawn.
    /// </summary>
    public static string TrustEpochCost(IReadOnlyList<TrustEpochCost> costs, int k, string path)
    {
        ArgumentNullException.ThrowIfNull(costs);
        PlotFonts.Install();
        var rules = costs.Select(c => c.Epoch.Rule).Distinct(StringComparer.Ordinal).ToArray();
        var epochs = costs.Select(c => c.Epoch.TrustEpoch).Distinct().Order().ToArray();
        var multiplot = new Multiplot();
        multiplot.AddPlots(Math.Max(1, rules.Length));
        multiplot.Layout = new Grid(1, Math.Max(1, rules.Length));
        for (int r = 0; r < rules.Length; r++)
        {
            var plot = multiplot.GetPlot(r);
            plot.Add.HorizontalLine(0, 1, Colors.Black);
            for (int e = 0; e < epochs.Length; e++)
            {
                var points = costs.Where(c => c.Epoch.Rule == rules[r] && c.Epoch.TrustEpoch == epochs[e] && c.Epoch.K == k)
                    .GroupBy(c => c.Epoch.MaliciousRatio).OrderBy(g => g.Key).ToArray();
                if (points.Length == 0)
                {
                    continue;
                }

                var line = plot.Add.Scatter(points.Select(g => g.Key).ToArray(), points.Select(g => g.Average(c => c.MaeCost)).ToArray(), Palette.GetColor(e));
                line.LegendText = TrustEpochCosts.Describe(epochs[e]);
                line.LineWidth = 2;
                line.MarkerSize = 8;
            }

            plot.Title(FormattableString.Invariant($"MAE cost of epoch trust — {rules[r]} (k = {k}, mean over attacks)"), size: 13);
            plot.XLabel("malicious ratio ρ", size: 12);
            plot.YLabel("MAE(epoch) − MAE(sequential)", size: 12);
            plot.ShowLegend(Edge.Bottom);
        }

        multiplot.SavePng(path, 560 * Math.Max(1, rules.Length), 440);
        return path;
    }
}

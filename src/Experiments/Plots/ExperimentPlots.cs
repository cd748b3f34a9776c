using PoQ.Experiments.Reliability;
using PoQ.Experiments.Robustness;
using PoQ.Experiments.Sampling;
using PoQ.Simulation.Statistics;
using ScottPlot;
using ScottPlot.MultiplotLayouts;

namespace PoQ.Experiments.Plots;

/// <summary>The PNGs a person looks at first. Each method writes one file and returns its path.</summary>
public static class ExperimentPlots
{
    private static readonly IPalette Palette = new ScottPlot.Palettes.Category10();

    // Rules often coincide (trust saturates to mean; trust-median tracks median): distinct marker shapes and line
    // patterns keep coinciding lines distinguishable.
    // One entry per rule of the catalogue (seven with yuma), so no two rules share a marker and a line style.
    private static readonly MarkerShape[] Shapes =
        [MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp, MarkerShape.OpenCircle, MarkerShape.OpenSquare, MarkerShape.FilledDiamond, MarkerShape.OpenTriangleDown];

    private static readonly LinePattern[] Patterns = [LinePattern.Dashed, LinePattern.Solid, LinePattern.Solid, LinePattern.Dotted, LinePattern.Dotted, LinePattern.Solid, LinePattern.DenselyDashed];

    /// <summary>
    /// One panel per attack: <paramref name="metric"/> against ρ at k = <paramref name="k"/>, one line per rule, with its
    /// 95 % interval as a translucent band when <paramref name="interval"/> gives one; legends sit outside the data area
    /// so no line is hidden.
    /// </summary>
    public static string RobustnessByAttack(IReadOnlyList<RobustnessRow> rows, int k, string metricLabel, Func<RobustnessRow, double> metric, string path, Func<RobustnessRow, Estimate?>? interval = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(metric);
        PlotFonts.Install();
        var attacks = rows.Select(r => r.Attack).Distinct(StringComparer.Ordinal).ToArray();
        var rules = rows.Select(r => r.Rule).Distinct(StringComparer.Ordinal).ToArray();
        int columns = Math.Min(3, Math.Max(1, attacks.Length));
        int gridRows = (attacks.Length + columns - 1) / columns;
        var multiplot = new Multiplot();
        multiplot.AddPlots(Math.Max(1, attacks.Length));
        multiplot.Layout = new Grid(gridRows, columns);
        for (int a = 0; a < attacks.Length; a++)
        {
            var plot = multiplot.GetPlot(a);
            for (int r = 0; r < rules.Length; r++)
            {
                var series = rows.Where(x => x.Attack == attacks[a] && x.Rule == rules[r] && x.K == k).OrderBy(x => x.MaliciousRatio).ToArray();
                if (series.Length == 0)
                {
                    continue;
                }

                var xs = series.Select(x => x.MaliciousRatio).ToArray();
                Band(plot, xs, interval is null ? null : series.Select(interval).ToArray(), Palette.GetColor(r));
                var line = plot.Add.Scatter(xs, series.Select(metric).ToArray(), Palette.GetColor(r));
                line.LegendText = rules[r];
                line.LineWidth = 2;
                line.MarkerSize = r < 3 ? 7 : 10;
                line.MarkerShape = Shapes[r % Shapes.Length];
                line.LinePattern = Patterns[r % Patterns.Length];
            }

            plot.Title(FormattableString.Invariant($"{metricLabel} vs ρ — {attacks[a]} attack (k = {k}){(interval is null ? string.Empty : ", 95 % bands")}"), size: 14);
            plot.XLabel("malicious ratio ρ", size: 12);
            plot.YLabel(metricLabel, size: 12);
            plot.ShowLegend(Edge.Right);
            plot.Legend.FontSize = 10;
        }

        multiplot.SavePng(path, 600 * columns, 420 * gridRows);
        return path;
    }

    /// <summary>
    /// Three panels against k, one line per reward mode, each with its 95 % band: the figures finding 3 reads — evaluator
    /// reward per report, the variance across evaluators of their cumulative payoff, inference reward per task.
    /// </summary>
    public static string SamplingRewards(IReadOnlyList<SamplingRow> rows, string path)
    {
        ArgumentNullException.ThrowIfNull(rows);
        PlotFonts.Install();
        var panels = new (string Title, string Label, Func<SamplingRow, Estimate> Value)[]
        {
            ("Evaluator reward per report vs k", "evaluator reward mean", r => r.Rewards.EvaluatorRewardPerReport),
            ("Payoff variance across evaluators vs k", "variance of cumulative payoff", r => r.Rewards.EvaluatorPayoffVariance),
            ("Inference reward per task vs k", "inference reward mean", r => r.Rewards.InferenceRewardMean),
        };
        var modes = rows.Select(r => r.RewardMode).Distinct(StringComparer.Ordinal).ToArray();
        var multiplot = new Multiplot();
        multiplot.AddPlots(panels.Length);
        multiplot.Layout = new Grid(1, panels.Length);
        string setting = rows.Count == 0 ? string.Empty : FormattableString.Invariant($" ({rows[0].Rule}, {rows[0].Attack}, ρ = {rows[0].MaliciousRatio})");
        for (int p = 0; p < panels.Length; p++)
        {
            var plot = multiplot.GetPlot(p);
            for (int m = 0; m < modes.Length; m++)
            {
                var series = rows.Where(r => r.RewardMode == modes[m]).OrderBy(r => r.K).ToArray();
                var xs = series.Select(r => (double)r.K).ToArray();
                var estimates = series.Select(panels[p].Value).ToArray();
                Band(plot, xs, estimates, Palette.GetColor(m));
                var line = plot.Add.Scatter(xs, estimates.Select(e => e.Value).ToArray(), Palette.GetColor(m));
                line.LegendText = modes[m] + " mode";
                line.LineWidth = m == 0 ? 4 : 2;
                line.MarkerSize = m == 0 ? 11 : 7;
                line.MarkerShape = Shapes[m];
                line.LinePattern = m == 0 ? LinePattern.Solid : LinePattern.Dashed;
            }

            plot.Title(panels[p].Title + (p == 0 ? setting : string.Empty), size: 13);
            plot.XLabel("evaluators per task k", size: 12);
            plot.YLabel(panels[p].Label, size: 12);
            plot.ShowLegend(Alignment.MiddleRight);
            if (p == panels.Length - 1 && rows.Count > 0)
            {
                // From zero, so "roughly stable" is judged on the real scale, not a zoomed one.
                plot.Axes.SetLimitsY(0, rows.Max(r => Math.Max(panels[p].Value(r).Value, panels[p].Value(r).High)) * 1.15);
            }
        }

        multiplot.SavePng(path, 1650, 480);
        return path;
    }

    // A translucent band between the intervals' edges, drawn under the line; skipped where an edge is undefined.
    private static void Band(Plot plot, double[] xs, Estimate?[]? estimates, Color color)
    {
        if (estimates is null || estimates.Length < 2 || estimates.Any(e => e is null || !double.IsFinite(e.Low) || !double.IsFinite(e.High)))
        {
            return;
        }

        var band = plot.Add.FillY(xs, [.. estimates.Select(e => e!.Low)], [.. estimates.Select(e => e!.High)]);
        band.FillColor = color.WithAlpha(0.18);
        band.LineWidth = 0;
    }

    /// <summary>
    /// Grouped bars: Pearson of each evaluator against the proxy, one bar per task kind, with its 95 % interval as a
    /// whisker; bars of evaluators that are functions of the proxy are labelled "circular".
    /// </summary>
    public static string Reliability(IReadOnlyList<ReliabilityRow> rows, string path)
    {
        ArgumentNullException.ThrowIfNull(rows);
        PlotFonts.Install();
        var measured = rows.Where(r => r.RowType == "evaluator").ToArray();
        var evaluators = measured.Select(r => r.Evaluator).Distinct(StringComparer.Ordinal).ToArray();
        var tasks = measured.Select(r => r.Task).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var plot = new Plot();
        var bars = new List<Bar>();
        double width = 0.8 / Math.Max(1, tasks.Length);
        for (int e = 0; e < evaluators.Length; e++)
        {
            for (int t = 0; t < tasks.Length; t++)
            {
                var row = measured.FirstOrDefault(r => r.Evaluator == evaluators[e] && r.Task == tasks[t]);
                if (row is null || !double.IsFinite(row.Pearson))
                {
                    continue;
                }

                bars.Add(new Bar
                {
                    Position = e - 0.4 + (width * (t + 0.5)),
                    Value = row.Pearson,
                    Size = width * 0.95,
                    FillColor = Palette.GetColor(t),
                    Label = row.Pearson.ToString("F2", System.Globalization.CultureInfo.InvariantCulture) + (row.ProxyCircular ? " circular" : string.Empty),
                });
                if (row.PearsonEstimate is { } estimate && double.IsFinite(estimate.Low))
                {
                    double x = e - 0.4 + (width * (t + 0.5));
                    var whisker = plot.Add.Line(x, estimate.Low, x, estimate.High);
                    whisker.Color = Colors.Black;
                    whisker.LineWidth = 2;
                }
            }
        }

        var plottable = plot.Add.Bars(bars);
        plottable.ValueLabelStyle.FontSize = 11;
        for (int t = 0; t < tasks.Length; t++)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = tasks[t], FillColor = Palette.GetColor(t) });
        }

        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, evaluators.Length).Select(i => (double)i)], evaluators);
        plot.Add.HorizontalLine(0, 1, Colors.Black);
        plot.Title("Evaluator reliability: Pearson r with the ground-truth proxy (95 % whiskers)", size: 15);
        plot.YLabel("Pearson r (score vs proxy)", size: 12);
        plot.Axes.SetLimits(-0.6, evaluators.Length - 0.4, Math.Min(-0.1, bars.Count == 0 ? 0 : bars.Min(b => b.Value) - 0.12), 1.15);
        plot.ShowLegend(Alignment.LowerLeft);
        plot.SavePng(path, Math.Max(800, 150 * evaluators.Length), 520);
        return path;
    }
}

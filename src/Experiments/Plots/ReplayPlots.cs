using ScottPlot;

namespace PoQ.Experiments.Plots;

/// <summary>The replay report's chart: per node, the baseline's and the scenario's total reward side by side.</summary>
public static class ReplayPlots
{
    /// <summary>
    /// Grouped bars, one group per node (<paramref name="labels"/>), baseline and scenario side by side; nodes tagged
    /// malicious get a "⚠" suffix. Writes a PNG and returns its path.
    /// </summary>
    public static string RewardBars(IReadOnlyList<string> labels, IReadOnlyList<double> baseline, IReadOnlyList<double> scenario, string baselineName, string scenarioName, string title, string path)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(scenario);
        PlotFonts.Install();
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var bars = new List<Bar>(labels.Count * 2);
        var ticks = new Tick[labels.Count];
        for (int i = 0; i < labels.Count; i++)
        {
            double center = i * 3;
            bars.Add(new Bar { Position = center - 0.5, Value = baseline[i], FillColor = palette.GetColor(0), Size = 1 });
            bars.Add(new Bar { Position = center + 0.5, Value = scenario[i], FillColor = palette.GetColor(1), Size = 1 });
            ticks[i] = new Tick(center, labels[i]);
        }

        plot.Add.Bars(bars);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks);
        plot.Axes.Bottom.TickLabelStyle.Rotation = 90;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
        plot.Axes.Bottom.MinimumSize = 90;
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = baselineName, FillColor = palette.GetColor(0) });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = scenarioName, FillColor = palette.GetColor(1) });
        plot.ShowLegend(Edge.Right);
        plot.Title(title, size: 14);
        plot.YLabel("total reward", size: 12);
        plot.Axes.Margins(bottom: 0);
        plot.SavePng(path, Math.Max(900, 40 + (labels.Count * 28)), 560);
        return path;
    }
}

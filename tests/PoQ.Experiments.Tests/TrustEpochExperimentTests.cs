using PoQ.Experiments.Output;
using PoQ.Experiments.Robustness;

namespace PoQ.Experiments.Tests;

/// <summary>The trust epoch sweep of the robustness experiment and its determinism-cost outputs.</summary>
public sealed class TrustEpochExperimentTests
{
    private static ExperimentOptions Options(params double[] epochs) => Options(plots: false, epochs);

    private static ExperimentOptions Options(bool plots, params double[] epochs) => new()
    {
        Rounds = 200, Plots = plots, Rules = ["mean", "trust"], Attacks = ["noise", "boost"], MaliciousRatios = [0.0, 0.4], Ks = [5], TrustEpochs = epochs,
    };

    [Fact]
    public void Robustness_TrustEpochs_TrustRulesPerEpochAndUnweightedRulesRepeatedInGridOrder()
    {
        var result = ExperimentRunner.Run(TestData.SyntheticCorpus(), Options(0, 2), ExperimentSelection.Robustness).Robustness!;

        Assert.Equal(16, result.Rows.Count);
        Assert.Equal(12, result.Runs);
        Assert.Equal(["mean", "mean", "trust", "trust"], result.Rows.Select(r => (r.Rule, r.TrustEpoch)).Distinct().Select(p => p.Rule));
        var mean = result.Rows.Where(r => r.Rule == "mean").ToLookup(r => (r.Attack, r.MaliciousRatio));
        Assert.All(mean, g => Assert.Equal(g.First().Metrics, g.Last().Metrics));
        Assert.Equal(8, result.PaperRows.Count);
        Assert.All(result.PaperRows, r => Assert.Equal(0.0, r.TrustEpoch));
    }

    [Fact]
    public void Costs_PairEachTrustRowWithItsSequentialTwin()
    {
        var result = ExperimentRunner.Run(TestData.SyntheticCorpus(), Options(0, 2), ExperimentSelection.Robustness).Robustness!;

        var costs = TrustEpochCosts.Of(result);

        Assert.Equal(4, costs.Count);
        Assert.All(costs, c =>
        {
            Assert.Equal(("trust", 2.0, 0.0), (c.Epoch.Rule, c.Epoch.TrustEpoch, c.Sequential.TrustEpoch));
            Assert.Equal((c.Epoch.Attack, c.Epoch.MaliciousRatio, c.Epoch.K), (c.Sequential.Attack, c.Sequential.MaliciousRatio, c.Sequential.K));
            Assert.Equal(c.Epoch.Metrics.Mae - c.Sequential.Metrics.Mae, c.MaeCost);
        });
        var summary = Assert.Single(TrustEpochCosts.Summarise(costs));
        Assert.Equal(costs.Average(c => c.MaeCost), summary.MeanMaeCost, 12);
        Assert.Equal(costs.Max(c => c.MaeCost), summary.WorstMaeCost.MaeCost);
    }

    [Fact]
    public void Write_TrustEpochs_WritesTheCostCsvPlotAndReportSection()
    {
        string directory = TestData.TempDirectory();
        var run = ExperimentRunner.Run(TestData.SyntheticCorpus(), Options(plots: true, 0, 1, 5), ExperimentSelection.Robustness);

        ExperimentRunner.Write(run, directory);

        var csv = File.ReadAllLines(Path.Combine(directory, "trust_epochs.csv"));
        Assert.Equal(string.Join(',', ExperimentCsv.TrustEpochsHeader), csv[0]);
        Assert.Equal(1 + 8, csv.Length);
        Assert.True(new FileInfo(Path.Combine(directory, "trust_epochs.png")).Length > 1_000);
        Assert.Contains("trust_epoch", File.ReadLines(Path.Combine(directory, "robustness.csv")).First().Split(','));
        string report = File.ReadAllText(Path.Combine(directory, "report.md"));
        Assert.Contains("## What determinism costs", report, StringComparison.Ordinal);
        Assert.Contains("| trust | 5 tasks/evaluator |", report, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_SequentialOnly_WritesNoCostFile()
    {
        string directory = TestData.TempDirectory();

        ExperimentRunner.Write(ExperimentRunner.Run(TestData.SyntheticCorpus(), Options(0), ExperimentSelection.Robustness), directory);

        Assert.False(File.Exists(Path.Combine(directory, "trust_epochs.csv")));
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    public void Options_BadTrustEpoch_NamesTheOption(double epoch) =>
        Assert.Contains(Options(0, epoch).Problems(), p => p.Contains("'trust_epoch' (--trust-epoch)", StringComparison.Ordinal));
}

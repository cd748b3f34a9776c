using PoQ.Experiments.Findings;

namespace PoQ.Experiments.Tests;

public class ExperimentRunnerTests
{
    [Fact]
    public void RunAll_WritesCsvsPlotsAndAReportThatMatchesTheVerdicts()
    {
        string directory = TestData.TempDirectory();
        var options = new ExperimentOptions { Rounds = 150, Rules = ["mean", "median", "trimmed", "trust"], Attacks = ["noise", "boost"], MaliciousRatios = [0.0, 0.5], Ks = [5] };
        var result = ExperimentRunner.Write(ExperimentRunner.Run(TestData.SyntheticCorpus(), options, ExperimentSelection.All), directory);

        foreach (string name in new[] { "robustness.csv", "reliability.csv", "sampling.csv", "report.md", "robustness_mae.png", "robustness_pearson.png", "sampling_rewards.png", "reliability.png" })
        {
            Assert.True(new FileInfo(Path.Combine(directory, name)).Length > 100, name);
        }

        string report = File.ReadAllText(Path.Combine(directory, "report.md"));
        Assert.Contains("Synthetic fallback", report, StringComparison.Ordinal);
        Assert.Contains("payout_inflation", report, StringComparison.Ordinal);
        Assert.Equal(3, result.Findings.Count);
        foreach (var finding in result.Findings)
        {
            Assert.Contains($"### Finding {finding.Number}: {finding.VerdictText}", report, StringComparison.Ordinal);
        }

        // The synthetic corpus inverts by construction: finding 1 is measured, its verdict withheld, the floor stated.
        Assert.Equal("not evaluated (synthetic data)", result.Findings[0].VerdictText);
        Assert.Contains("### Finding 1: not evaluated (synthetic data)", report, StringComparison.Ordinal);
        Assert.Contains("one interval entirely ≥ +0.1 and the other entirely ≤ −0.1", report, StringComparison.Ordinal);

        // Only 2 of the 4 paper attacks were swept: finding 2 cannot have held.
        Assert.NotEqual(FindingVerdict.Held, result.Findings[1].Verdict);
    }

    [Fact]
    public void Sampling_BudgetMode_PaysExactlyTheBudgetPerTask()
    {
        var result = ExperimentRunner.Run(TestData.SyntheticCorpus(), TestData.Fast(), ExperimentSelection.Sampling);
        var budget = result.Sampling!.Where(r => r.RewardMode == "budget").ToList();
        Assert.Equal(5, budget.Count);
        Assert.All(budget, r => Assert.Equal(1.0 / r.K, r.Metrics.EvaluatorRewardMean, 6));
        Assert.Equal(FindingVerdict.NotEvaluated, result.Findings[0].Verdict);
    }

    [Fact]
    public void Reliability_SyntheticInvertingEvaluator_FlaggedAsSignInversion()
    {
        var rows = ExperimentRunner.Run(TestData.SyntheticCorpus(), TestData.Fast(), ExperimentSelection.Reliability).Reliability!;
        Assert.Contains(rows, r => r.RowType == "evaluator" && r.SignInversion);
        Assert.Contains(rows, r => r.RowType == "system" && double.IsFinite(r.MeanProxy));
    }
}

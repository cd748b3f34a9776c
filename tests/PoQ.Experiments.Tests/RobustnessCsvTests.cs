using PoQ.Experiments.Output;

namespace PoQ.Experiments.Tests;

public class RobustnessCsvTests
{
    private static byte[] RobustnessCsv(ulong seed)
    {
        string directory = TestData.TempDirectory();
        var result = ExperimentRunner.Run(TestData.SyntheticCorpus(), TestData.Fast(seed), ExperimentSelection.Robustness);
        ExperimentRunner.Write(result, directory);
        return File.ReadAllBytes(Path.Combine(directory, "robustness.csv"));
    }

    [Fact]
    public void Run_SameSeed_ByteIdenticalCsv()
    {
        Assert.Equal(RobustnessCsv(42), RobustnessCsv(42));
    }

    [Fact]
    public void Run_DifferentSeed_DifferentCsv()
    {
        Assert.NotEqual(RobustnessCsv(42), RobustnessCsv(43));
    }

    [Fact]
    public void Csv_FullGrid_OneRowPerConfigurationWithContractHeader()
    {
        string[] lines = System.Text.Encoding.UTF8.GetString(RobustnessCsv(42)).TrimEnd('\n').Split('\n');
        string[] header = lines[0].Split(',');
        Assert.Equal(ExperimentCsv.RobustnessContract, header.Take(ExperimentCsv.RobustnessContract.Count));
        Assert.Equal(ExperimentCsv.RobustnessHeader, header);
        // Every rule — seven with yuma — reports every default trust epoch (unweighted rules repeat their single run):
        // 7 rules × 3 epochs × 6 attacks × 6 ρ × 4 k.
        Assert.Equal(7 * 3 * 6 * 6 * 4, lines.Length - 1);
        Assert.Equal(3 * 6 * 6 * 4, lines.Count(line => line.StartsWith("yuma,", StringComparison.Ordinal)));
        Assert.All(lines.Skip(1), line => Assert.Equal(header.Length, line.Split(',').Length));
    }

    [Fact]
    public void Report_DefaultRules_YumaIsAColumnOfEveryRobustnessTableAndPlotted()
    {
        string directory = TestData.TempDirectory();
        var options = new ExperimentOptions { Rounds = 150, Attacks = ["boost"], MaliciousRatios = [0.0, 0.5], Ks = [5], TrustEpochs = [0.0] };
        Assert.Contains("yuma", options.Rules);
        var result = ExperimentRunner.Write(ExperimentRunner.Run(TestData.SyntheticCorpus(), options, ExperimentSelection.Robustness), directory);
        string report = File.ReadAllText(Path.Combine(directory, "report.md"));
        // The MAE and the payout-inflation tables both list the rules as columns, yuma last.
        Assert.Equal(2, report.Split('\n').Count(line => line == "| attack | mean | median | trimmed | trust | trust-median | robust-trust | yuma |"));
        Assert.Contains(result.Robustness!.Rows, r => r.Rule == "yuma" && r.MaliciousRatio == 0.5 && double.IsFinite(r.Metrics.Mae));
        Assert.True(new FileInfo(Path.Combine(directory, "robustness_mae.png")).Length > 100);
    }

    [Fact]
    public void Header_ContractColumns_ExactlyAsTheIssueNamesThem()
    {
        Assert.Equal(
            ["rule", "attack", "malicious_ratio", "k", "rounds", "mae", "pearson", "spearman", "inference_reward_mean", "inference_reward_std", "evaluator_reward_mean", "evaluator_reward_std", "payout_inflation"],
            ExperimentCsv.RobustnessContract);
        Assert.Equal(["evaluator", "task", "pearson", "spearman", "mae"], ExperimentCsv.ReliabilityHeader.Skip(1).Take(5));
        Assert.Contains("evaluator_reward_variance", ExperimentCsv.SamplingHeader);
        Assert.Contains("reward_mode", ExperimentCsv.SamplingHeader);
    }

    [Fact]
    public void PayoutInflation_ZeroAtRhoZeroAndBaselineAddedWhenRhoZeroMissing()
    {
        var options = new ExperimentOptions { Rounds = 200, Plots = false, Rules = ["mean"], Attacks = ["boost"], MaliciousRatios = [0.3], Ks = [5], TrustEpochs = [0.0] };
        var result = ExperimentRunner.Run(TestData.SyntheticCorpus(), options, ExperimentSelection.Robustness);
        var row = Assert.Single(result.Robustness!.Rows);
        Assert.Equal(2, result.Robustness.Runs);
        Assert.True(double.IsFinite(row.PayoutInflation));
        Assert.True(row.PayoutInflation > 0, "boosting raises consensus, so the inference payout must rise");

        var withZero = new ExperimentOptions { Rounds = 200, Plots = false, Rules = ["mean"], Attacks = ["boost"], MaliciousRatios = [0.0, 0.3], Ks = [5], TrustEpochs = [0.0] };
        var rows = ExperimentRunner.Run(TestData.SyntheticCorpus(), withZero, ExperimentSelection.Robustness).Robustness!.Rows;
        Assert.Equal(0.0, rows[0].PayoutInflation);
        Assert.Equal(row.PayoutInflation, rows[1].PayoutInflation);
    }

    [Fact]
    public void Robustness_AttackNone_EveryRhoGivesTheSameAlignmentAndPayout()
    {
        // `poq experiment robustness --attack none`: the everyone-honest baseline. With common random numbers ρ changes
        // only who is labelled malicious, so alignment and payouts are the same at every ρ and inflation is exactly 0.
        var options = new ExperimentOptions { Rounds = 300, Plots = false, Rules = ["mean", "median", "trust"], Attacks = ["none"], MaliciousRatios = [0.0, 0.2, 0.5], Ks = [3, 5], TrustEpochs = [0.0] };
        var rows = ExperimentRunner.Run(TestData.SyntheticCorpus(), options, ExperimentSelection.Robustness).Robustness!.Rows;
        Assert.Equal(3 * 3 * 2, rows.Count);
        Assert.All(rows, row => Assert.Equal("none", row.Attack));
        foreach (var sameRuleAndK in rows.GroupBy(r => (r.Rule, r.K)))
        {
            var atZero = sameRuleAndK.Single(r => r.MaliciousRatio == 0.0);
            Assert.All(sameRuleAndK, row =>
            {
                Assert.Equal((atZero.Metrics.Mae, atZero.Metrics.Pearson, atZero.Metrics.InferencePayout, atZero.Metrics.EvaluatorPayout), (row.Metrics.Mae, row.Metrics.Pearson, row.Metrics.InferencePayout, row.Metrics.EvaluatorPayout));
                Assert.Equal(0.0, row.PayoutInflation);
            });
        }
    }
}

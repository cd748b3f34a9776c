using PoQ.Experiments.Output;

namespace PoQ.Experiments.Tests;

public sealed class DetectionExperimentTests
{
    [Fact]
    public void Write_Detection_WritesTheContractColumnsOneRowPerAttackAndRatio()
    {
        var options = TestData.Fast();
        var result = ExperimentRunner.Run(TestData.SyntheticCorpus(), options, ExperimentSelection.Detection);
        string directory = TestData.TempDirectory();
        ExperimentRunner.Write(result, directory);

        var lines = File.ReadAllLines(Path.Combine(directory, "detection.csv"));
        Assert.Equal(
            ["attack", "malicious_ratio", "precision", "recall", "false_flag_rate", "attacker_payout", "attacker_payout_downweighted", "flagged", "honest", "malicious"],
            lines[0].Split(',').Take(DetectionCsv.Contract.Count));
        Assert.Equal(1 + (2 * options.DetectionMaliciousRatios.Count), lines.Length);
        Assert.Contains("## Collusion and copy detection", File.ReadAllText(Path.Combine(directory, "report.md")), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_Detection_IsDeterministic()
    {
        var options = TestData.Fast();
        var first = ExperimentRunner.Run(TestData.SyntheticCorpus(), options, ExperimentSelection.Detection).Detection!;
        var second = ExperimentRunner.Run(TestData.SyntheticCorpus(), options, ExperimentSelection.Detection).Detection!;
        Assert.Equal(first, second);
    }

    [Fact]
    public void Options_DetectionRuleWithoutTrust_IsAProblem()
    {
        var problems = new ExperimentOptions { DetectionRule = "median" }.Problems();
        Assert.Contains(problems, p => p.Contains("detection_rule", StringComparison.Ordinal));
    }
}

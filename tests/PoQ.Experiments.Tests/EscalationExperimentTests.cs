using PoQ.Experiments.Output;

namespace PoQ.Experiments.Tests;

public sealed class EscalationExperimentTests
{
    [Fact]
    public void Write_Escalation_OneRowPerAttack_WithTheCostAndTheReportSection()
    {
        var options = TestData.Fast();
        var result = ExperimentRunner.Run(TestData.SyntheticCorpus(), options, ExperimentSelection.Escalation);
        string directory = TestData.TempDirectory();
        ExperimentRunner.Write(result, directory);

        var lines = File.ReadAllLines(Path.Combine(directory, "escalation.csv"));
        Assert.Equal(EscalationCsv.Header, lines[0].Split(','));
        Assert.Equal(1 + Escalation.EscalationExperiment.Attacks.Count, lines.Length);
        Assert.All(result.Escalation!, r =>
        {
            Assert.Equal(r.EscalatedTasks * options.EscalationExtra, r.ExtraScores);
            Assert.InRange(r.EscalatedTasks, 0, options.Rounds);
        });
        Assert.Contains("## Disagreement escalation", File.ReadAllText(Path.Combine(directory, "report.md")), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_AThresholdNoTaskReaches_ChangesNothing_AndZeroEscalatesEveryDisagreement()
    {
        var never = ExperimentRunner.Run(TestData.SyntheticCorpus(), new ExperimentOptions { Rounds = 200, Seed = 42, Plots = false, EscalationThreshold = 100 }, ExperimentSelection.Escalation).Escalation!;
        Assert.All(never, r =>
        {
            Assert.Equal(0, r.EscalatedTasks);
            Assert.Equal(r.Mae, r.MaeEscalated);
            Assert.Equal(r.AttackerPayout, r.AttackerPayoutEscalated);
        });

        var always = ExperimentRunner.Run(TestData.SyntheticCorpus(), new ExperimentOptions { Rounds = 200, Seed = 42, Plots = false, EscalationThreshold = 0 }, ExperimentSelection.Escalation).Escalation!;
        Assert.Contains(always, r => r.EscalatedTasks > 0.9 * r.Rounds);
    }

    [Fact]
    public void Options_NoExtraEvaluator_IsAProblemNamingTheOption()
    {
        var problems = new ExperimentOptions { EscalationExtra = 0 }.Problems();
        Assert.Contains(problems, p => p.Contains("--escalation-extra", StringComparison.Ordinal));
    }
}

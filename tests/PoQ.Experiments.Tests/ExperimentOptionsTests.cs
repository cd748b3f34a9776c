using PoQ.Experiments.Robustness;
using PoQ.Simulation.Scoring;
using PoQ.Experiments.Corpus;

namespace PoQ.Experiments.Tests;

public class ExperimentOptionsTests
{
    [Fact]
    public void Defaults_AreValid()
    {
        Assert.Empty(new ExperimentOptions().Problems());
    }

    [Fact]
    public void Problems_KAbovePoolSize_NamesK()
    {
        var problem = Assert.Single(new ExperimentOptions { Ks = [5, 60] }.Problems());
        Assert.Contains("'k'", problem, StringComparison.Ordinal);
        Assert.Contains("--k", problem, StringComparison.Ordinal);
        Assert.Contains("60", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Problems_RhoOutsideUnitInterval_NamesMaliciousRatio(double rho)
    {
        var problem = Assert.Single(new ExperimentOptions { MaliciousRatios = [0.0, rho] }.Problems());
        Assert.Contains("'malicious_ratio'", problem, StringComparison.Ordinal);
        Assert.Contains("--rho", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Problems_UnknownRule_NamesRuleAndTheValue()
    {
        var problem = Assert.Single(new ExperimentOptions { Rules = ["mean", "mode"] }.Problems());
        Assert.Contains("'rule'", problem, StringComparison.Ordinal);
        Assert.Contains("'mode'", problem, StringComparison.Ordinal);
        Assert.Contains("median", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Problems_UnknownAttackAndBadRounds_AllReportedAtOnce()
    {
        var problems = new ExperimentOptions { Attacks = ["bribe"], Rounds = 0, SamplingKs = [0] }.Problems();
        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.Contains("'attack'", StringComparison.Ordinal) && p.Contains("bribe", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'rounds'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'sampling_k'", StringComparison.Ordinal));
    }

    [Fact]
    public void Run_BadParameters_ThrowsNamingTheParameter()
    {
        ScoreTable table = ScoreTableMapping.ToScoreTable(TestData.SyntheticCorpus());
        var error = Assert.Throws<ArgumentException>(() => RobustnessExperiment.Run(table, new ExperimentOptions { Rounds = 10, Ks = [51] }));
        Assert.Contains("'k'", error.Message, StringComparison.Ordinal);
        error = Assert.Throws<ArgumentException>(() => ExperimentRunner.Run(TestData.SyntheticCorpus(), new ExperimentOptions { MaliciousRatios = [2] }, ExperimentSelection.All));
        Assert.Contains("'malicious_ratio'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_MissingExplicitDataDirectory_NamesDataOption()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => CorpusLoader.LoadAsync("/nonexistent/poq-data", 42, null, CancellationToken.None));
        Assert.Contains("--data", error.Message, StringComparison.Ordinal);
    }
}

using PoQ.Consensus.Rules;
using PoQ.Rewards;
using PoQ.Simulation.Attacks;
using PoQ.Simulation.Runs;

namespace PoQ.Simulation.Tests.Runs;

public sealed class SimulationRunTests
{
    private static readonly Scoring.ScoreTable Table = SyntheticTables.Create();

    private static SimulationConfig Config(string rule, AttackKind attack = AttackKind.None, double rho = 0, int k = 5, int rounds = 2_000) =>
        new() { Rule = RuleCatalog.Create(rule), Attack = attack, MaliciousRatio = rho, K = k, Rounds = rounds, PoolSize = 30, Seed = 7 };

    [Fact]
    public void Execute_SameConfig_IdenticalMetrics() =>
        Assert.Equal(SimulationRun.Execute(Table, Config("trust", AttackKind.Boost, 0.3)), SimulationRun.Execute(Table, Config("trust", AttackKind.Boost, 0.3)));

    [Fact]
    public void Execute_OtherSeed_DifferentMetrics() =>
        Assert.NotEqual(SimulationRun.Execute(Table, Config("mean")).Mae, SimulationRun.Execute(Table, Config("mean") with { Seed = 8 }).Mae);

    [Fact]
    public void Execute_NoMaliciousEvaluators_AttackDoesNotMatter() =>
        Assert.Equal(SimulationRun.Execute(Table, Config("median", AttackKind.None)), SimulationRun.Execute(Table, Config("median", AttackKind.Sabotage)));

    public static TheoryData<string> Rules => [.. RuleCatalog.Names];

    [Theory]
    [MemberData(nameof(Rules))]
    public void Execute_AttackNone_EveryRhoGivesTheSameRun(string rule)
    {
        // Common random numbers: with nobody attacking, ρ only labels evaluators malicious. Items, samples, honest jitter
        // and latencies are the same draws at every ρ, so everything not split by that label is identical to the bit.
        var runs = new[] { 0.0, 0.2, 0.5 }.Select(rho => SimulationRun.Execute(Table, Config(rule, AttackKind.None, rho))).ToArray();
        Assert.All(runs.Skip(1), run => Assert.Equal(WithoutLabels(runs[0]), WithoutLabels(run)));
    }

    [Fact]
    public void Execute_AttackNone_RhoOnlyLabelsPartOfTheSamePayoutMalicious()
    {
        // The runs above really differ in their labels: at ρ = 0.4 part of the unchanged payout goes to "malicious" nodes.
        var clean = SimulationRun.Execute(Table, Config("median", AttackKind.None, 0));
        var labelled = SimulationRun.Execute(Table, Config("median", AttackKind.None, 0.4));
        Assert.Equal(clean.EvaluatorPayout, labelled.EvaluatorPayout);
        Assert.InRange(labelled.MaliciousPayout, double.Epsilon, labelled.EvaluatorPayout);
        Assert.Equal(0, clean.MaliciousPayout);
    }

    private static RunMetrics WithoutLabels(RunMetrics metrics) => metrics with
    {
        HonestRewardMean = 0,
        HonestRewardStd = 0,
        MaliciousRewardMean = 0,
        MaliciousRewardStd = 0,
        MaliciousPayout = 0,
        HonestTrustMean = 0,
        MaliciousTrustMean = 0,
    };

    [Fact]
    public void Execute_HonestNetwork_ConsensusTracksProxy()
    {
        var metrics = SimulationRun.Execute(Table, Config("mean"));
        Assert.True(metrics.Pearson > 0.9, $"pearson {metrics.Pearson}");
        Assert.True(metrics.Mae < 0.6, $"mae {metrics.Mae}");
        Assert.True(double.IsNaN(metrics.MaliciousRewardMean));
    }

    [Fact]
    public void Execute_BoostingMinority_MedianBeatsMean()
    {
        var mean = SimulationRun.Execute(Table, Config("mean", AttackKind.Boost, 0.3, k: 7));
        var median = SimulationRun.Execute(Table, Config("median", AttackKind.Boost, 0.3, k: 7));
        Assert.True(median.Mae < mean.Mae, $"median {median.Mae} vs mean {mean.Mae}");
    }

    [Fact]
    public void Execute_BoostingRaisesInferencePayout()
    {
        var clean = SimulationRun.Execute(Table, Config("mean", AttackKind.Boost, 0));
        var attacked = SimulationRun.Execute(Table, Config("mean", AttackKind.Boost, 0.4));
        Assert.True(attacked.InferencePayout > clean.InferencePayout);
    }

    [Fact]
    public void Execute_PaperTrust_SaturatesEveryoneAtMaximum()
    {
        var metrics = SimulationRun.Execute(Table, Config("trust", AttackKind.Boost, 0.2));

        // The known weakness: deviations stay below 0.5, so honest and malicious weights both reach w_max = 3.
        Assert.True(metrics.HonestTrustMean > 2.9 && metrics.MaliciousTrustMean > 2.9, $"{metrics.HonestTrustMean} / {metrics.MaliciousTrustMean}");
    }

    [Fact]
    public void Execute_RobustTrust_SeparatesHonestFromBoosters()
    {
        var metrics = SimulationRun.Execute(Table, Config("robust-trust", AttackKind.Boost, 0.2));
        Assert.True(metrics.HonestTrustMean > 2 * metrics.MaliciousTrustMean, $"{metrics.HonestTrustMean} / {metrics.MaliciousTrustMean}");
    }

    [Fact]
    public void Execute_BudgetMode_PaysExactlyTheBudgetPerTask()
    {
        var config = Config("median", AttackKind.Noise, 0.2) with { Rewards = new RewardParameters { EvaluatorMode = EvaluatorRewardMode.Budget, EvaluatorBudget = 2.5m } };
        var metrics = SimulationRun.Execute(Table, config);
        Assert.Equal(2.5 * config.Rounds, metrics.EvaluatorPayout, 6);
    }

    [Fact]
    public void Execute_CopyingIsCheap_CopiersEarnMoreThanTheirAccuracyWarrants()
    {
        var metrics = SimulationRun.Execute(Table, Config("mean", AttackKind.Copy, 0.2));

        // Copiers skip the evaluation (5 ms) so their cost term is near zero: the run must show them paid.
        Assert.False(double.IsNaN(metrics.MaliciousRewardMean));
        Assert.True(metrics.MaliciousPayout > 0);
    }

    [Theory]
    [InlineData(1.5, 5, 50, "malicious_ratio")]
    [InlineData(0.1, 60, 50, "'k'")]
    [InlineData(0.1, 5, 0, "pool_size")]
    public void Execute_BadParameters_ErrorNamesParameter(double rho, int k, int pool, string expected)
    {
        var config = Config("mean") with { MaliciousRatio = rho, K = k, PoolSize = pool };
        var error = Assert.Throws<ArgumentException>(() => SimulationRun.Execute(Table, config));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}

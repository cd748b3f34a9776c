using PoQ.Consensus.Rules;
using PoQ.Simulation.Attacks;
using PoQ.Simulation.Runs;
using PoQ.Simulation.Settling;

namespace PoQ.Simulation.Tests.Runs;

/// <summary>The trust epoch as a simulation dimension: the same chain as the pipeline, folding per epoch or per task.</summary>
public sealed class TrustEpochRunTests
{
    private static readonly Scoring.ScoreTable Table = SyntheticTables.Create();

    private static SimulationConfig Config(string rule, double epoch, AttackKind attack = AttackKind.Noise, double rho = 0.3) =>
        new() { Rule = RuleCatalog.Create(rule), Attack = attack, MaliciousRatio = rho, K = 5, Rounds = 1_500, PoolSize = 30, Seed = 11, TrustEpoch = epoch };

    [Fact]
    public void Execute_TrustRuleWithEpochs_DiffersFromSequentialAndIsReproducible()
    {
        var sequential = SimulationRun.Execute(Table, Config("trust", 0));
        var epochs = SimulationRun.Execute(Table, Config("trust", 2));

        Assert.NotEqual(sequential.Mae, epochs.Mae);
        Assert.Equal(epochs, SimulationRun.Execute(Table, Config("trust", 2)));
    }

    [Theory]
    [InlineData("mean")]
    [InlineData("median")]
    [InlineData("trimmed")]
    public void Execute_UnweightedRule_IgnoresTheTrustEpoch(string rule) =>
        Assert.Equal(SimulationRun.Execute(Table, Config(rule, 0)), SimulationRun.Execute(Table, Config(rule, 3)));

    [Fact]
    public void Execute_EpochLongerThanTheRun_TrustNeverMovesSoTrustWeightedMeanIsTheMean()
    {
        // 10⁶ tasks per evaluator: every task settles against the initial snapshot (equal weights).
        var frozen = SimulationRun.Execute(Table, Config("trust", 1e6));
        var mean = SimulationRun.Execute(Table, Config("mean", 0));

        Assert.Equal(mean.Mae, frozen.Mae, 12);
        Assert.Equal(mean.InferencePayout, frozen.InferencePayout, 9);
    }

    [Theory]
    [InlineData(1.0, 30, 5, 6_000)]
    [InlineData(2.5, 50, 5, 25_000)]
    [InlineData(1.0, 50, 9, 5_556)]
    public void Epochs_TasksPerEvaluator_LastAboutENOverKRounds(double tasksPerEvaluator, int pool, int k, long expectedMs) =>
        Assert.Equal(expectedMs, SimulatedLog.Epochs(tasksPerEvaluator, pool, k).LengthMs);

    [Fact]
    public void Epochs_Zero_IsTheSequentialUpdate() =>
        Assert.True(SimulatedLog.Epochs(0, 50, 5).IsSequential);

    [Fact]
    public void Config_NegativeTrustEpoch_NamesTheParameter()
    {
        var error = Assert.Throws<ArgumentException>(() => Config("trust", -1).Validated());
        Assert.Contains("'trust_epoch'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Grid_WithTrustEpochs_RunsUnweightedRulesOnceAndTrustRulesPerEpoch()
    {
        var grid = new SweepGrid([new MeanRule(), new TrustWeightedMeanRule()], [AttackKind.Noise], [0.0, 0.2], [5], [0.0, 1.0, 4.0]);

        var configs = grid.Expand(new SimulationConfig { Rule = new MeanRule() });

        Assert.Equal(grid.Count, configs.Count);
        Assert.Equal(2, configs.Count(c => c.Rule.Name == "mean"));
        Assert.All(configs.Where(c => c.Rule.Name == "mean"), c => Assert.Equal(0.0, c.TrustEpoch));
        Assert.Equal([0.0, 0.0, 1.0, 1.0, 4.0, 4.0], configs.Where(c => c.Rule.Name == "trust").Select(c => c.TrustEpoch));
    }
}

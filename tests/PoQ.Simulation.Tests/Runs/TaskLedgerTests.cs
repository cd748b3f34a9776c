using PoQ.Consensus.Rules;
using PoQ.Simulation.Attacks;
using PoQ.Simulation.Runs;

namespace PoQ.Simulation.Tests.Runs;

public sealed class TaskLedgerTests
{
    private static readonly Scoring.ScoreTable Table = SyntheticTables.Create();

    private static SimulationConfig Config(string rule) =>
        new() { Rule = RuleCatalog.Create(rule), Attack = AttackKind.Sabotage, MaliciousRatio = 0.3, K = 5, Rounds = 1_500, PoolSize = 30, Seed = 11 };

    [Theory]
    [InlineData("median")]
    [InlineData("trust")]
    public void Ledger_SumsToTheRunsMetrics(string rule)
    {
        var config = Config(rule);
        var ledger = new TaskLedger(config.Rounds, config.PoolSize);
        var metrics = SimulationRun.Execute(Table, config, ledger);
        var identity = Enumerable.Range(0, config.Rounds).ToArray();

        Assert.Equal(metrics, SimulationRun.Execute(Table, config));
        Assert.Equal(metrics.Mae, ledger.AbsoluteError.Average(), 9);
        Assert.Equal(metrics.InferencePayout, ledger.InferenceReward.Sum(), 6);
        Assert.Equal(metrics.EvaluatorPayout, ledger.EvaluatorReward.Sum(), 6);
        Assert.Equal(metrics.MaliciousPayout, ledger.MaliciousReward.Sum(), 6);
        Assert.Equal(metrics.EvaluatorRewardMean, ledger.EvaluatorReward.Sum() / ledger.Reports.Sum(), 9);
        Assert.Equal(metrics.PayoffStdAcrossEvaluators * metrics.PayoffStdAcrossEvaluators, ledger.PayoffVariance(identity), 6);
    }

    [Fact]
    public void PayoffVariance_ATaskDrawnTwicePaysTwice()
    {
        var config = Config("mean");
        var ledger = new TaskLedger(config.Rounds, config.PoolSize);
        SimulationRun.Execute(Table, config, ledger);

        // Only task 0, once and twice: every payoff doubles, so the variance across evaluators quadruples.
        Assert.Equal(4 * ledger.PayoffVariance([0]), ledger.PayoffVariance([0, 0]), 9);
    }

    [Fact]
    public void Sweep_WithSummaries_SameOrderAndMetricsAsWithout()
    {
        var configs = new[] { Config("mean"), Config("median"), Config("trimmed") };
        var plain = Sweep.Run(Table, configs);
        var summarized = Sweep.Run(Table, configs, (i, metrics, ledger) => (Index: i, Metrics: metrics, Rounds: ledger.Rounds));
        Assert.Equal(plain, summarized.Select(s => s.Metrics));
        Assert.Equal([0, 1, 2], summarized.Select(s => s.Index));
        Assert.All(summarized, s => Assert.Equal(1_500, s.Rounds));
    }
}

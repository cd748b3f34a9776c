using PoQ.Consensus.Rules;
using PoQ.Simulation.Attacks;
using PoQ.Simulation.Runs;

namespace PoQ.Simulation.Tests.Runs;

public sealed class SweepTests
{
    [Fact]
    public void Robustness_Grid_HasTheIssuesAxes()
    {
        var grid = SweepGrid.Robustness();
        Assert.Equal(RuleCatalog.Names, grid.Rules.Select(r => r.Name));
        Assert.Equal([0.0, 0.1, 0.2, 0.3, 0.4, 0.5], grid.MaliciousRatios);
        Assert.Equal([3, 5, 7, 9], grid.Ks);
        Assert.Contains(AttackKind.Collusion, grid.Attacks);
        Assert.Equal(grid.Rules.Count * grid.Attacks.Count * 6 * 4, grid.Expand(new SimulationConfig { Rule = new MeanRule() }).Count);
    }

    [Fact]
    public void Run_ParallelSweep_EqualsSequentialRuns()
    {
        var table = SyntheticTables.Create(items: 100);
        var grid = new SweepGrid([new MeanRule(), new TrustWeightedMeanRule()], [AttackKind.Boost, AttackKind.Copy], [0.0, 0.3], [3, 5]);
        var configs = grid.Expand(new SimulationConfig { Rule = new MeanRule(), Rounds = 300, PoolSize = 20 });
        int reported = 0;
        var results = Sweep.Run(table, configs, new SynchronousProgress(_ => Interlocked.Increment(ref reported)));
        Assert.Equal(configs.Count, reported);
        for (int i = 0; i < configs.Count; i++)
        {
            Assert.Equal(SimulationRun.Execute(table, configs[i]), results[i]);
        }
    }

    [Fact]
    public void Run_AnyBadConfiguration_ReportsAllProblemsBeforeRunning()
    {
        var table = SyntheticTables.Create(items: 10);
        var configs = new[] { new SimulationConfig { Rule = new MeanRule(), K = 99, PoolSize = 10, MaliciousRatio = -1 } };
        var error = Assert.Throws<ArgumentException>(() => Sweep.Run(table, configs));
        Assert.Contains("'k'", error.Message, StringComparison.Ordinal);
        Assert.Contains("malicious_ratio", error.Message, StringComparison.Ordinal);
    }

    private sealed class SynchronousProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}

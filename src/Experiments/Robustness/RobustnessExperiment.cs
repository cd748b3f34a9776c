using System.Diagnostics;
using PoQ.Consensus.Rules;
using PoQ.Simulation.Attacks;
using PoQ.Simulation.Runs;
using PoQ.Simulation.Scoring;

namespace PoQ.Experiments.Robustness;

/// <summary>
/// Finding (2): rule × attack × ρ × k through the simulation's parallel, deterministic <see cref="Sweep"/>.
/// When ρ = 0 is not in the grid, the baseline runs payout inflation needs are added (and not reported).
/// </summary>
public static class RobustnessExperiment
{
    /// <summary>Runs the sweep; <paramref name="progress"/> receives (finished, total) runs.</summary>
    public static RobustnessResult Run(ScoreTable table, ExperimentOptions options, IProgress<(int Done, int Total)>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(options);
        options.Validated();
        var template = new SimulationConfig { Rule = RuleCatalog.Create(options.Rules[0]), Rounds = options.Rounds, Seed = options.Seed, PoolSize = options.PoolSize };
        var rules = options.Rules.Select(name => RuleCatalog.Create(name)).ToArray();
        var attacks = options.Attacks.Select(AttackNames.Parse).ToArray();
        var grid = new SweepGrid(rules, attacks, options.MaliciousRatios, options.Ks);
        var configs = grid.Expand(template).ToList();
        int reported = configs.Count;
        if (!options.MaliciousRatios.Contains(0.0))
        {
            configs.AddRange(new SweepGrid(rules, attacks, [0.0], options.Ks).Expand(template));
        }

        int total = configs.Count;
        var stopwatch = Stopwatch.StartNew();
        var metrics = Sweep.Run(table, configs, progress is null ? null : new Forward(progress, total), cancellationToken);
        stopwatch.Stop();

        var baseline = new Dictionary<(string Rule, AttackKind Attack, int K), double>();
        for (int i = 0; i < configs.Count; i++)
        {
            if (configs[i].MaliciousRatio == 0.0)
            {
                baseline[(configs[i].Rule.Name, configs[i].Attack, configs[i].K)] = metrics[i].InferencePayout;
            }
        }

        var rows = new List<RobustnessRow>(reported);
        for (int i = 0; i < reported; i++)
        {
            var config = configs[i];
            double p0 = baseline[(config.Rule.Name, config.Attack, config.K)];
            double inflation = p0 == 0 ? double.NaN : (metrics[i].InferencePayout - p0) / Math.Abs(p0);
            rows.Add(new RobustnessRow(config.Rule.Name, config.Rule.ParamsHash, AttackNames.Name(config.Attack), config.MaliciousRatio, config.K, metrics[i], inflation));
        }

        return new RobustnessResult(rows, total, stopwatch.Elapsed);
    }

    private sealed class Forward(IProgress<(int Done, int Total)> inner, int total) : IProgress<int>
    {
        public void Report(int value) => inner.Report((value, total));
    }
}

using System.Diagnostics;
using PoQ.Consensus.Rules;
using PoQ.Simulation.Attacks;
using PoQ.Simulation.Runs;
using PoQ.Simulation.Scoring;

namespace PoQ.Experiments.Robustness;

/// <summary>
/// Finding (2) and the cost of determinism: rule × trust epoch × attack × ρ × k through the simulation's parallel,
/// deterministic <see cref="Sweep"/>. When ρ = 0 is not in the grid, the baseline runs payout inflation needs are added
/// (and not reported). Rules without trust run once and report that run at every trust epoch.
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
        var configs = new SweepGrid(rules, attacks, options.MaliciousRatios, options.Ks, options.TrustEpochs).Expand(template).ToList();
        int reported = configs.Count;
        if (!options.MaliciousRatios.Contains(0.0))
        {
            configs.AddRange(new SweepGrid(rules, attacks, [0.0], options.Ks, options.TrustEpochs).Expand(template));
        }

        int total = configs.Count;
        var stopwatch = Stopwatch.StartNew();
        var metrics = Sweep.Run(table, configs, progress is null ? null : new Forward(progress, total), cancellationToken);
        stopwatch.Stop();

        var baseline = new Dictionary<(string Rule, double Epoch, AttackKind Attack, int K), double>();
        for (int i = 0; i < configs.Count; i++)
        {
            if (configs[i].MaliciousRatio == 0.0)
            {
                baseline[(configs[i].Rule.Name, configs[i].TrustEpoch, configs[i].Attack, configs[i].K)] = metrics[i].InferencePayout;
            }
        }

        var rows = new List<RobustnessRow>();
        for (int i = 0; i < reported; i++)
        {
            var config = configs[i];
            double p0 = baseline[(config.Rule.Name, config.TrustEpoch, config.Attack, config.K)];
            double inflation = p0 == 0 ? double.NaN : (metrics[i].InferencePayout - p0) / Math.Abs(p0);
            foreach (double epoch in config.Rule.Trust is null ? options.TrustEpochs : [config.TrustEpoch])
            {
                rows.Add(new RobustnessRow(config.Rule.Name, config.Rule.ParamsHash, AttackNames.Name(config.Attack), config.MaliciousRatio, config.K, epoch, metrics[i], inflation));
            }
        }

        // Grid order (rule, trust epoch, attack, ρ, k) for every rule, whether it ran once or per epoch.
        var ruleOrder = options.Rules.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i, StringComparer.Ordinal);
        var epochOrder = options.TrustEpochs.Select((e, i) => (e, i)).ToDictionary(p => p.e, p => p.i);
        var ordered = rows.Select((row, index) => (row, index))
            .OrderBy(p => ruleOrder[p.row.Rule])
            .ThenBy(p => epochOrder[p.row.TrustEpoch])
            .ThenBy(p => p.index)
            .Select(p => p.row)
            .ToList();
        return new RobustnessResult(ordered, total, stopwatch.Elapsed, options.PaperTrustEpoch);
    }

    private sealed class Forward(IProgress<(int Done, int Total)> inner, int total) : IProgress<int>
    {
        public void Report(int value) => inner.Report((value, total));
    }
}

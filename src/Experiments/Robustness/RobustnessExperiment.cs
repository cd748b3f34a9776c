using System.Diagnostics;
using PoQ.Consensus.Rules;
using PoQ.Experiments.Intervals;
using PoQ.Simulation.Attacks;
using PoQ.Simulation.Runs;
using PoQ.Simulation.Scoring;
using PoQ.Simulation.Statistics;

namespace PoQ.Experiments.Robustness;

/// <summary>
/// Finding (2) and the cost of determinism: rule × trust epoch × attack × ρ × k through the simulation's parallel,
/// deterministic <see cref="Sweep"/>. When ρ = 0 is not in the grid, the baseline runs payout inflation needs are added
/// (and not reported). Rules without trust run once and report that run at every trust epoch. Every run's alignment
/// carries bootstrap intervals over its tasks, all runs resampled with one plan (paired, since they share tasks).
/// </summary>
public static class RobustnessExperiment
{
    /// <summary>
    /// Runs the sweep; <paramref name="progress"/> receives (finished, total) runs. With
    /// <paramref name="withoutCircular"/> (the table without evaluators that are functions of a proxy) the reference-k
    /// slice at the paper's trust epoch runs again on it, so the report can show alignment with and without them.
    /// </summary>
    public static RobustnessResult Run(ScoreTable table, ExperimentOptions options, IProgress<(int Done, int Total)>? progress = null, CancellationToken cancellationToken = default, ScoreTable? withoutCircular = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(options);
        options.Validated();
        var template = new SimulationConfig { Rule = RuleCatalog.Create(options.Rules[0]), Rounds = options.Rounds, Seed = options.Seed, PoolSize = options.PoolSize };
        var rules = options.Rules.Select(name => RuleCatalog.Create(name)).ToArray();
        var attacks = options.Attacks.Select(AttackNames.Parse).ToArray();
        var main = new SweepGrid(rules, attacks, options.MaliciousRatios, options.Ks, options.TrustEpochs);
        var slice = withoutCircular is null ? null : new SweepGrid(rules, attacks, options.MaliciousRatios, [ExperimentRunner.ReferenceK(options.Ks)], [options.PaperTrustEpoch]);
        var mainConfigs = Configs(main, template);
        var sliceConfigs = slice is null ? [] : Configs(slice, template);
        var counter = progress is null ? null : new Forward(progress, mainConfigs.Count + sliceConfigs.Count);

        var stopwatch = Stopwatch.StartNew();
        var plan = new BootstrapPlan(options.Seed, options.Rounds, options.BootstrapResamples);
        var (rows, runs) = Rows(table, main, mainConfigs, plan, counter, cancellationToken);
        var nonCircular = slice is null ? [] : Rows(withoutCircular!, slice, sliceConfigs, plan, counter, cancellationToken).Rows;
        stopwatch.Stop();
        return new RobustnessResult(rows, runs, stopwatch.Elapsed, options.PaperTrustEpoch) { NonCircularRows = nonCircular };
    }

    // The grid's runs, then the ρ = 0 baselines payout inflation needs when the grid lacks them (not reported).
    private static List<SimulationConfig> Configs(SweepGrid grid, SimulationConfig template)
    {
        var configs = grid.Expand(template).ToList();
        if (!grid.MaliciousRatios.Contains(0.0))
        {
            configs.AddRange((grid with { MaliciousRatios = [0.0] }).Expand(template));
        }

        return configs;
    }

    private static (List<RobustnessRow> Rows, int Runs) Rows(ScoreTable table, SweepGrid grid, List<SimulationConfig> configs, BootstrapPlan plan, Forward? progress, CancellationToken cancellationToken)
    {
        int reported = grid.Count;
        var bootstrap = new AlignmentBootstrap(plan, new TaskKindIndex(table));
        var runs = Sweep.Run(table, configs, (i, metrics, ledger) => (Metrics: metrics, Alignment: i < reported ? AlignmentEstimates.Of(bootstrap, ledger) : null), progress, cancellationToken);

        var baseline = new Dictionary<(string Rule, double Epoch, AttackKind Attack, int K), double>();
        for (int i = 0; i < configs.Count; i++)
        {
            if (configs[i].MaliciousRatio == 0.0)
            {
                baseline[(configs[i].Rule.Name, configs[i].TrustEpoch, configs[i].Attack, configs[i].K)] = runs[i].Metrics.InferencePayout;
            }
        }

        var rows = new List<RobustnessRow>();
        for (int i = 0; i < reported; i++)
        {
            var config = configs[i];
            var metrics = runs[i].Metrics;
            double p0 = baseline[(config.Rule.Name, config.TrustEpoch, config.Attack, config.K)];
            double inflation = p0 == 0 ? double.NaN : (metrics.InferencePayout - p0) / Math.Abs(p0);
            foreach (double epoch in config.Rule.Trust is null ? grid.Epochs : [config.TrustEpoch])
            {
                rows.Add(new RobustnessRow(config.Rule.Name, config.Rule.ParamsHash, AttackNames.Name(config.Attack), config.MaliciousRatio, config.K, epoch, metrics, inflation) { Alignment = runs[i].Alignment! });
            }
        }

        // Grid order (rule, trust epoch, attack, ρ, k) for every rule, whether it ran once or per epoch.
        var ruleOrder = grid.Rules.Select((rule, i) => (rule.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
        var epochOrder = grid.Epochs.Select((e, i) => (e, i)).ToDictionary(p => p.e, p => p.i);
        var ordered = rows.Select((row, index) => (row, index))
            .OrderBy(p => ruleOrder[p.row.Rule])
            .ThenBy(p => epochOrder[p.row.TrustEpoch])
            .ThenBy(p => p.index)
            .Select(p => p.row)
            .ToList();
        return (ordered, configs.Count);
    }

    // Counts finished runs across the sweeps of one experiment.
    private sealed class Forward(IProgress<(int Done, int Total)> inner, int total) : IProgress<int>
    {
        private int done;

        public void Report(int value) => inner.Report((Interlocked.Increment(ref done), total));
    }
}

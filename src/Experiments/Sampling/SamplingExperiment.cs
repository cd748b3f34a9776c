using PoQ.Consensus.Rules;
using PoQ.Experiments.Intervals;
using PoQ.Rewards;
using PoQ.Simulation.Attacks;
using PoQ.Simulation.Runs;
using PoQ.Simulation.Scoring;
using PoQ.Simulation.Statistics;

namespace PoQ.Experiments.Sampling;

/// <summary>
/// Finding (3): k against evaluator and inference rewards, in both evaluator reward modes (linear and the
/// fixed-budget split), under one stated setting (default: median rule, noise attack, ρ = 0.2 — ours).
/// </summary>
public static class SamplingExperiment
{
    /// <summary>The reward modes compared, in output order.</summary>
    public static IReadOnlyList<EvaluatorRewardMode> Modes { get; } = [EvaluatorRewardMode.Linear, EvaluatorRewardMode.Budget];

    /// <summary>Runs k × mode; rows in k-major order within each mode (mode, then k).</summary>
    public static IReadOnlyList<SamplingRow> Run(ScoreTable table, ExperimentOptions options, IProgress<(int Done, int Total)>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(options);
        options.Validated();
        var rule = RuleCatalog.Create(options.SamplingRule);
        var attack = AttackNames.Parse(options.SamplingAttack);
        var configs = new List<SimulationConfig>();
        foreach (var mode in Modes)
        {
            foreach (int k in options.SamplingKs)
            {
                configs.Add(new SimulationConfig
                {
                    Rule = rule,
                    Attack = attack,
                    MaliciousRatio = options.SamplingMaliciousRatio,
                    K = k,
                    Rounds = options.Rounds,
                    Seed = options.Seed,
                    PoolSize = options.PoolSize,
                    Rewards = new RewardParameters { EvaluatorMode = mode },
                });
            }
        }

        // One plan for every run: the runs share their tasks, so the change from one k to another is bootstrapped paired.
        var plan = new BootstrapPlan(options.Seed, options.Rounds, options.BootstrapResamples);
        var runs = Sweep.Run(table, configs, (_, metrics, ledger) => (Metrics: metrics, Rewards: RewardEstimates.Of(plan, ledger)), progress is null ? null : new Forward(progress, configs.Count), cancellationToken);
        return [.. configs.Select((c, i) => new SamplingRow(rule.Name, AttackNames.Name(attack), c.MaliciousRatio, c.K, ModeName(c.Rewards.EvaluatorMode), c.PoolSize, runs[i].Metrics) { Rewards = runs[i].Rewards })];
    }

    /// <summary>Wire name of a reward mode.</summary>
    public static string ModeName(EvaluatorRewardMode mode) => mode == EvaluatorRewardMode.Linear ? "linear" : "budget";

    private sealed class Forward(IProgress<(int Done, int Total)> inner, int total) : IProgress<int>
    {
        public void Report(int value) => inner.Report((value, total));
    }
}

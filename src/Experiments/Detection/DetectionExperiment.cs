using System.Globalization;
using PoQ.Consensus.Rules;
using PoQ.Settlement.Detection;
using PoQ.Simulation.Attacks;
using PoQ.Simulation.Runs;
using PoQ.Simulation.Scoring;

namespace PoQ.Experiments.Detection;

/// <summary>
/// Issue 10, item 3: collusion and copy detection measured on the simulator. Per attack × ρ, a first run records its
/// verdicts; the detector (<see cref="Detector"/>, the pure one the pipeline and audit can call) flags evaluators from
/// them; a second run on the same seed — the same tasks, samples and honest draws (common random numbers) — settles with
/// the flagged evaluators down-weighted by <c>flagged_weight</c>. Detection is in-sample: the flags come from the tasks
/// they then down-weight, which is what an operator re-settling a recorded history would do, not a live warm-up.
/// </summary>
public static class DetectionExperiment
{
    /// <summary>The attacks detection is built for, in output order.</summary>
    public static IReadOnlyList<AttackKind> Attacks { get; } = [AttackKind.Collusion, AttackKind.Copy];

    /// <summary>Runs attack × ρ (attack-major), each cell on its own worker; the rows do not depend on the parallelism.</summary>
    public static IReadOnlyList<DetectionRow> Run(ScoreTable table, ExperimentOptions options, IProgress<(int Done, int Total)>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(options);
        options.Validated();
        var rule = RuleCatalog.Create(options.DetectionRule);
        var downweighted = RuleCatalog.Create(options.DetectionRule, new Dictionary<string, string>
        {
            ["flagged_weight"] = options.FlaggedWeight.ToString("R", CultureInfo.InvariantCulture),
        });
        var cells = Attacks.SelectMany(a => options.DetectionMaliciousRatios.Select(r => (Attack: a, Ratio: r))).ToArray();
        return Sweep.Each(
            cells.Length,
            i => Cell(table, Config(options, rule, cells[i].Attack, cells[i].Ratio), downweighted, options.FlaggedWeight),
            progress is null ? null : done => progress.Report((done, cells.Length)),
            cancellationToken);
    }

    /// <summary>The simulation of one cell of the issue-10 experiments (detection, escalation): their k, rounds, seed and pool.</summary>
    public static SimulationConfig Config(ExperimentOptions options, ConsensusRule rule, AttackKind attack, double maliciousRatio)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new SimulationConfig
        {
            Rule = rule,
            Attack = attack,
            MaliciousRatio = maliciousRatio,
            K = options.DetectionK,
            Rounds = options.Rounds,
            Seed = options.Seed,
            PoolSize = options.PoolSize,
        };
    }

    /// <summary>One cell: record, detect, re-settle with the flags, and score the flags against the pool's truth.</summary>
    public static DetectionRow Cell(ScoreTable table, SimulationConfig config, ConsensusRule downweighted, double flaggedWeight)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(downweighted);
        var verdicts = new List<DetectionVerdict>(config.Rounds * config.K);
        var plain = SimulationRun.Execute(table, config, ledger: null, verdicts);
        var detection = Detector.Detect(verdicts);
        var flaggedConfig = config with { Rule = downweighted, FlaggedEvaluators = detection.FlaggedEvaluators };
        var weighted = SimulationRun.Execute(table, flaggedConfig);

        var pool = SimulationRun.PoolOf(config);
        int truePositives = detection.FlaggedEvaluators.Count(id => pool.IsMalicious(Simulation.Settling.SimulatedLog.IndexOf(id)));
        return new DetectionRow
        {
            Attack = AttackNames.Name(config.Attack),
            MaliciousRatio = config.MaliciousRatio,
            K = config.K,
            Rounds = config.Rounds,
            Rule = config.Rule.Name,
            FlaggedWeight = flaggedWeight,
            Malicious = pool.MaliciousCount,
            Honest = pool.Size - pool.MaliciousCount,
            Flagged = detection.FlaggedEvaluators.Count,
            TruePositives = truePositives,
            CollusionFlags = detection.Flags.Count(f => f.Kind == DetectionFlag.Collusion),
            CopyFlags = detection.Flags.Count(f => f.Kind == DetectionFlag.Copy),
            AttackerPayout = plain.MaliciousPayout,
            AttackerPayoutDownweighted = weighted.MaliciousPayout,
            HonestPayout = plain.EvaluatorPayout - plain.MaliciousPayout,
            HonestPayoutDownweighted = weighted.EvaluatorPayout - weighted.MaliciousPayout,
            Mae = plain.Mae,
            MaeDownweighted = weighted.Mae,
        };
    }
}

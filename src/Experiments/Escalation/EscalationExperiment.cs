using PoQ.Consensus.Rules;
using PoQ.Settlement.Escalation;
using PoQ.Simulation.Attacks;
using PoQ.Simulation.Runs;
using PoQ.Simulation.Scoring;

namespace PoQ.Experiments.Escalation;

/// <summary>
/// Issue 10, item 4, measured on the simulator: per attack at ρ = <see cref="ExperimentOptions.EscalationMaliciousRatio"/>,
/// a run without escalation and the same run — same tasks, samples and honest draws — in which a task whose first k
/// scores disagree beyond the MAD threshold takes the next evaluators of its sample (<see cref="EscalationPolicy"/>).
/// What it buys (MAE, attacker payout) against what it costs (extra scores).
/// </summary>
public static class EscalationExperiment
{
    /// <summary>The attacks measured, in output order.</summary>
    public static IReadOnlyList<AttackKind> Attacks { get; } = [AttackKind.None, AttackKind.Noise, AttackKind.Boost, AttackKind.Sabotage, AttackKind.Collusion, AttackKind.Copy];

    /// <summary>Runs every attack, each on its own worker; the rows do not depend on the parallelism.</summary>
    public static IReadOnlyList<EscalationRow> Run(ScoreTable table, ExperimentOptions options, IProgress<(int Done, int Total)>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(options);
        options.Validated();
        var rule = RuleCatalog.Create(options.DetectionRule);
        var policy = new EscalationPolicy(options.EscalationThreshold, options.EscalationExtra);
        return Sweep.Each(
            Attacks.Count,
            i => Cell(table, Detection.DetectionExperiment.Config(options, rule, Attacks[i], options.EscalationMaliciousRatio), policy),
            progress is null ? null : done => progress.Report((done, Attacks.Count)),
            cancellationToken);
    }

    /// <summary>One attack: the plain run and the escalating run.</summary>
    public static EscalationRow Cell(ScoreTable table, SimulationConfig config, EscalationPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(policy);
        var plain = SimulationRun.Execute(table, config);
        var escalating = SimulationRun.Execute(table, config with { Escalation = policy });
        return new EscalationRow
        {
            Attack = AttackNames.Name(config.Attack),
            MaliciousRatio = config.MaliciousRatio,
            K = config.K,
            Extra = policy.Extra,
            Threshold = policy.Threshold,
            Rounds = config.Rounds,
            Rule = config.Rule.Name,
            EscalatedTasks = escalating.EscalatedTasks,
            ExtraScores = escalating.ExtraScores,
            Mae = plain.Mae,
            MaeEscalated = escalating.Mae,
            AttackerPayout = plain.MaliciousPayout,
            AttackerPayoutEscalated = escalating.MaliciousPayout,
            HonestPayout = plain.EvaluatorPayout - plain.MaliciousPayout,
            HonestPayoutEscalated = escalating.EvaluatorPayout - escalating.MaliciousPayout,
        };
    }
}

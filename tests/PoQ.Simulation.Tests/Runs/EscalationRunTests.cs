using PoQ.Consensus.Rules;
using PoQ.Settlement.Escalation;
using PoQ.Simulation.Attacks;
using PoQ.Simulation.Runs;

namespace PoQ.Simulation.Tests.Runs;

/// <summary>Escalation in the simulation: the same run until a task disagrees, then the next evaluators of its sample.</summary>
public sealed class EscalationRunTests
{
    private static readonly Scoring.ScoreTable Table = SyntheticTables.Create();

    private static SimulationConfig Config(EscalationPolicy? escalation) => new()
    {
        Rule = RuleCatalog.Create("trust"), Attack = AttackKind.Noise, MaliciousRatio = 0.3, K = 5, Rounds = 400, Seed = 9, Escalation = escalation,
    };

    [Fact]
    public void Execute_AThresholdNoTaskReaches_IsTheRunWithoutEscalation_BitForBit()
    {
        var plain = SimulationRun.Execute(Table, Config(null));
        var never = SimulationRun.Execute(Table, Config(new EscalationPolicy(Threshold: 1_000, Extra: 3)));

        Assert.Equal(0, never.EscalatedTasks);
        Assert.Equal(plain, never);
    }

    [Fact]
    public void Execute_EveryDisagreementEscalated_AddsExactlyTheExtraScoresPerEscalatedTask()
    {
        var run = SimulationRun.Execute(Table, Config(new EscalationPolicy(Threshold: 0, Extra: 3)));

        Assert.InRange(run.EscalatedTasks, 1, 400);
        Assert.Equal(3 * run.EscalatedTasks, run.ExtraScores);
    }

    [Fact]
    public void Problems_KPlusExtraAbovePool_IsNamed()
    {
        var problems = (Config(new EscalationPolicy(1, 50)) with { PoolSize = 50 }).Problems();
        Assert.Contains(problems, p => p.Contains("escalation_extra", StringComparison.Ordinal));
    }
}

using PoQ.Projections.Model;
using PoQ.Projections.Replay;
using PoQ.Settlement.Events;

namespace PoQ.Replay.Tests;

public class ScenarioComparisonTests
{
    private static readonly SimulationManifest Manifest = new()
    {
        HiddenTruth = new(StringComparer.Ordinal) { ["t1"] = 5.0, ["t2"] = 8.0 },
        MaliciousEvaluators = ["ev-3"],
    };

    [Fact]
    public void Compare_SameOutcomes_ReproducesWithZeroDeltas()
    {
        var tasks = new[] { Outcome("t1", 1, 6.0, 0.8, V("ev-1", 1, false, 0.4), V("ev-3", 1, false, 0.2)) };

        var comparison = ScenarioComparison.Compare("recorded", tasks, "s", tasks, Manifest);

        Assert.True(comparison.Totals.Reproduces);
        Assert.Equal(0, comparison.Totals.MaxAbsRewardDelta);
        Assert.Equal(0, comparison.Totals.TasksShifted);
        Assert.All(comparison.Nodes, n => Assert.Equal(0, n.Delta));
    }

    [Fact]
    public void Compare_ShiftedScenario_ReportsShiftDeltasMaliceAndError()
    {
        var baseline = new[]
        {
            Outcome("t1", 1, 6.0, 0.8, V("ev-1", 1, false, 0.4), V("ev-3", 1, false, 0.3)),
            Outcome("t2", 2, 9.0, 0.9, V("ev-1", 2, false, 0.5), V("ev-3", 2, false, 0.5)),
        };
        var scenario = new[]
        {
            Outcome("t1", 1, 5.5, 0.7, V("ev-1", 1, false, 0.5), V("ev-3", 1, true, 0.1)),
            Outcome("t2", 2, 8.5, 0.9, V("ev-1", 3, false, 0.6), V("ev-3", 1, false, 0.2)),
        };

        var comparison = ScenarioComparison.Compare("recorded", baseline, "s", scenario, Manifest);
        var t = comparison.Totals;

        Assert.Equal(2, t.Tasks);
        Assert.Equal(0, t.IdenticalTasks);
        Assert.Equal(2, t.TasksShifted);
        Assert.Equal(-0.5, comparison.Tasks[0].Shift);
        Assert.Equal(0.5, t.MaxAbsShift);
        Assert.Equal(new[] { "ev-3" }, comparison.Tasks[0].Trimmed);
        Assert.Equal(new[] { "ev-3" }, comparison.Tasks[1].DownWeighted); // share 1/2 → 1/4
        Assert.Equal(0.8 + 0.4 + 0.3 + 0.9 + 0.5 + 0.5, t.PayoutBaseline, 12);
        Assert.Equal(0.7 + 0.5 + 0.1 + 0.9 + 0.6 + 0.2, t.PayoutScenario, 12);
        Assert.Equal(0.8, t.MaliciousPayoutBaseline!.Value, 12);
        Assert.Equal(0.3, t.MaliciousPayoutScenario!.Value, 12);
        Assert.Equal((1.0 + 1.0) / 2, t.ConsensusErrorBaseline!.Value, 12);
        Assert.Equal((0.5 + 0.5) / 2, t.ConsensusErrorScenario!.Value, 12);
        var ev3 = Assert.Single(comparison.Nodes, n => n.NodeId == "ev-3");
        Assert.True(ev3.Malicious);
        Assert.Equal(-0.5, ev3.Delta, 12);
        Assert.Equal(1, ev3.TimesTrimmed);
        Assert.Equal(1, ev3.TimesDownWeighted);
        Assert.Equal(0.5, t.MaxAbsRewardDelta, 12);
        Assert.Null(Assert.Single(comparison.Nodes, n => n.NodeId == "inf-1").Malicious);
    }

    [Fact]
    public void Compare_WithoutManifest_LeavesSimulatorFiguresUnknown()
    {
        var tasks = new[] { Outcome("t1", 1, 6.0, 0.8, V("ev-1", 1, false, 0.4)) };

        var t = ScenarioComparison.Compare("recorded", tasks, "s", tasks).Totals;

        Assert.Null(t.MaliciousPayoutBaseline);
        Assert.Null(t.ConsensusErrorScenario);
        Assert.Null(ScenarioComparison.Compare("recorded", tasks, "s", tasks).Nodes[1].Malicious);
    }

    [Fact]
    public void Compare_TasksOnOneSideOnly_AreCountedAsUnmatched()
    {
        var a = new[] { Outcome("t1", 1, 6.0, 0.8), Outcome("t2", 2, 6.0, 0.8) };
        var b = new[] { Outcome("t2", 2, 6.0, 0.8), Outcome("t3", 3, 6.0, 0.8) };

        var t = ScenarioComparison.Compare("recorded", a, "s", b).Totals;

        Assert.Equal(1, t.Tasks);
        Assert.Equal(2, t.Unmatched);
        Assert.False(t.Reproduces);
    }

    [Fact]
    public void IdenticalTo_DiffersInTheLastBit_IsFalse()
    {
        var a = Outcome("t1", 1, 6.0, 0.8, V("ev-1", 1, false, 0.4));
        var b = Outcome("t1", 1, 6.0, 0.8, V("ev-1", 1, false, Math.BitIncrement(0.4)));

        Assert.False(a.IdenticalTo(b));
        Assert.True(a.IdenticalTo(a with { }));
    }

    private static RecordedVerdict V(string id, double weight, bool excluded, double reward) => new(id, weight, excluded, 0.1, weight, 3, 0.1, weight, reward);

    private static TaskOutcome Outcome(string id, long sequence, double consensus, double inferenceReward, params RecordedVerdict[] verdicts) =>
        new(id, sequence, "inf-1", consensus, inferenceReward, verdicts);
}

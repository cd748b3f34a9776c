using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PoQ.Consensus.Outcomes;
using PoQ.Consensus.Rules;
using PoQ.Consensus.Tests.TestSupport;
using PoQ.Consensus.Trust;

namespace PoQ.Consensus.Tests.Trust;

public class TrustLedgerTests
{
    /// <summary>Decides one task against the ledger and applies its updates, as the pipeline does.</summary>
    private static TaskConsensus Apply(TrustLedger ledger, ConsensusRule rule, string taskId, params EvaluatorScore[] scores)
    {
        var outcome = TaskConsensusDecider.Decide(taskId, rule, scores, ledger.Of);
        foreach (var update in ledger.Decide(outcome, rule.Trust is not null))
        {
            ledger.Evolve(update);
        }

        return outcome;
    }

    [Fact]
    public void Of_UnseenEvaluator_IsInitialWeightWithNoHistory()
    {
        var ledger = new TrustLedger(initialWeight: 1.5);
        Assert.Equal(new TrustEntry(1.5, 0), ledger.Of("ev-9"));
        Assert.Equal(0, ledger.Sequence);
        Assert.Empty(ledger.Entries);
    }

    [Fact]
    public void Decide_ReachedTrustTask_NumbersUpdatesAfterCurrentSequence()
    {
        var ledger = new TrustLedger();
        Apply(ledger, new TrustWeightedMeanRule(), "t-1", new("ev-1", 5), new("ev-2", 5));
        var outcome = TaskConsensusDecider.Decide("t-2", new TrustWeightedMeanRule(), [new("ev-2", 2), new("ev-1", 4), new("ev-3", 6)], ledger.Of);
        var updates = ledger.Decide(outcome, ruleUsesTrust: true);
        // Two updates applied so far, so these are 3, 4, 5 in ordinal evaluator order.
        Assert.Equal([3L, 4L, 5L], updates.Select(u => u.Sequence));
        Assert.Equal(["ev-1", "ev-2", "ev-3"], updates.Select(u => u.EvaluatorId));
        Assert.All(updates, u => Assert.Equal("t-2", u.TaskId));
    }

    [Fact]
    public void Decide_UnweightedRuleOrInsufficientTask_ImpliesNoUpdate()
    {
        var ledger = new TrustLedger();
        var mean = TaskConsensusDecider.Decide("t-1", new MeanRule(), [new("ev-1", 5)], ledger.Of);
        var insufficient = TaskConsensusDecider.Decide("t-2", new TrustWeightedMeanRule(), [new("ev-1", 5)], ledger.Of, quorum: 2);
        Assert.Empty(ledger.Decide(mean, ruleUsesTrust: false));
        Assert.Empty(ledger.Decide(insufficient, ruleUsesTrust: true));
    }

    [Fact]
    public void Evolve_InOrder_StoresAfterStateAndAdvancesSequence()
    {
        var ledger = new TrustLedger();
        var outcome = Apply(ledger, new TrustWeightedMeanRule(), "t-1", new("ev-1", 2), new("ev-2", 4), new("ev-3", 9));
        Assert.Equal(3, ledger.Sequence);
        // Unseen at w₀ = 1; c = 5; Eq. 21 gives 1.04, 1.08, 1.02 (hand-computed in TrustWeightedMeanRuleTests).
        Assert.Equal(1.04, ledger.Of("ev-1").Weight, 1e-12);
        Assert.Equal(1.08, ledger.Of("ev-2").Weight, 1e-12);
        Assert.Equal(1.02, ledger.Of("ev-3").Weight, 1e-12);
        Assert.Equal(outcome.Verdicts.Select(v => v.TrustAfter), new[] { "ev-1", "ev-2", "ev-3" }.Select(ledger.Of));
    }

    [Fact]
    public void Evolve_OutOfOrder_Throws()
    {
        var ledger = new TrustLedger();
        var skipped = new TrustUpdated(2, "t-1", "ev-1", new(1, 0), new(1.1, 1));
        Assert.Throws<InvalidOperationException>(() => ledger.Evolve(skipped));
        Assert.Equal(0, ledger.Sequence);
    }

    [Fact]
    public void Evolve_SameUpdateTwice_Throws()
    {
        var ledger = new TrustLedger();
        var first = new TrustUpdated(1, "t-1", "ev-1", new(1, 0), new(1.1, 1));
        ledger.Evolve(first);
        Assert.Throws<InvalidOperationException>(() => ledger.Evolve(first));
        Assert.Equal(new TrustEntry(1.1, 1), ledger.Of("ev-1"));
    }

    // Five evaluators that always score the task's base quality plus a fixed offset; the median offset is 0.
    private static readonly double[] Offsets = [0, 0.5, -1, 2, -2.5];

    private static void RunTasks(TrustLedger ledger, ConsensusRule rule, int count)
    {
        for (int t = 0; t < count; t++)
        {
            double quality = 3 + (t % 5);
            Apply(ledger, rule, $"t-{t}", [.. Offsets.Select((o, e) => new EvaluatorScore($"ev-{e}", quality + o))]);
        }
    }

    [Fact]
    public void Evolve_ConsistentlyAgreeingEvaluatorsUnderTrust_SaturateAtMaxAndTrustEqualsMean()
    {
        var ledger = new TrustLedger();
        var trust = new TrustWeightedMeanRule();
        // Every d ≤ 0.25 < 0.5 = pivot, so each task multiplies w by at least 1 + 0.2·0.25 = 1.05:
        // from 1 to 3 takes ⌈ln 3 / ln 1.05⌉ = 23 tasks; 200 is plenty.
        RunTasks(ledger, trust, 200);
        Assert.All(Offsets.Select((_, e) => ledger.Of($"ev-{e}").Weight), w => Assert.Equal(3.0, w));

        // The known weakness: with equal weights the trust-weighted mean is the mean, even for a new task with an outlier.
        EvaluatorScore[] next = [new("ev-0", 6), new("ev-1", 6.5), new("ev-2", 5), new("ev-3", 7), new("ev-4", 0)];
        var byTrust = TaskConsensusDecider.Decide("t-x", trust, next, ledger.Of);
        var byMean = TaskConsensusDecider.Decide("t-x", new MeanRule(), next, ledger.Of);
        Assert.Equal(24.5 / 5, byMean.Consensus, 1e-12);
        Assert.Equal(byMean.Consensus, byTrust.Consensus, 1e-12);
    }

    [Fact]
    public void Evolve_SameHistoryUnderRobustTrust_KeepsWeightsSpread()
    {
        var ledger = new TrustLedger();
        // Deviation from the median (offset 0): 0, 0.05, 0.1 < pivot 0.15 grow to w_max; 0.2, 0.25 shrink to w_min.
        // Slowest: d = 0.2 multiplies by 0.99, from 1 to 0.1 in ⌈ln 10 / −ln 0.99⌉ = 230 tasks; 1000 is plenty.
        RunTasks(ledger, new RobustTrustRule(), 1000);
        Assert.Equal([3.0, 3.0, 3.0, 0.1, 0.1], Offsets.Select((_, e) => ledger.Of($"ev-{e}").Weight));
    }

    [Property(MaxTest = 300)]
    public Property Evolve_AnyTaskSequence_KeepsWeightsWithinBounds()
    {
        var parameters = Gen.Choose(1, 100).Select(l => l / 100.0)
            .Zip(Gen.Choose(1, 100).Select(w => w / 100.0))
            .Zip(Gen.Choose(0, 500).Select(w => w / 100.0))
            .SelectMany(p => Gen.Choose(0, 100).Select(u =>
            {
                ((double lambda, double min), double extra) = p;
                double max = min + extra;
                return new TrustParameters { Lambda = lambda, MinWeight = min, MaxWeight = max, InitialWeight = min + (extra * (u / 100.0)) };
            }));
        var rule = parameters.Zip(Gen.Choose(0, 2)).Select(p => p.Item2 switch
        {
            0 => (ConsensusRule)new TrustWeightedMeanRule(p.Item1),
            1 => new TrustWeightedMedianRule(p.Item1),
            _ => new RobustTrustRule(p.Item1),
        });
        var task = Gen.SubListOf(Enumerable.Range(0, 8)).Where(e => e.Count > 0)
            .SelectMany(e => Gen.ArrayOf(Generators.Score, e.Count).Select(s => e.Select((id, i) => new EvaluatorScore($"ev-{id}", s[i])).ToArray()));
        var cases = rule.Zip(Gen.ListOf(task)).ToArbitrary();
        return Prop.ForAll(cases, c =>
        {
            (ConsensusRule r, List<EvaluatorScore[]> tasks) = c;
            var p = r.Trust!.Parameters;
            var ledger = new TrustLedger(p.InitialWeight);
            bool inForceWithinBounds = true;
            for (int t = 0; t < tasks.Count; t++)
            {
                var outcome = Apply(ledger, r, $"t-{t}", tasks[t]);
                // The prior's (n·w + m·w₀)/(n + m) is a rounded convex combination: it may sit an ulp outside.
                inForceWithinBounds &= outcome.Verdicts.All(v => v.WeightInForce >= p.MinWeight * (1 - 1e-12) && v.WeightInForce <= p.MaxWeight * (1 + 1e-12));
            }

            // Invariant: after any sequence of tasks every stored weight lies within [w_min, w_max] exactly (Eq. 21 clips).
            bool storedWithinBounds = ledger.Entries.Values.All(e => e.Weight >= p.MinWeight && e.Weight <= p.MaxWeight);
            // Invariant: every weight a score carried lies within the bounds too (up to rounding), since the
            // cold-start prior mixes the stored weight with w₀, itself within the bounds.
            return storedWithinBounds.Label("stored").And(inForceWithinBounds.Label("in force"));
        });
    }
}

using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PoQ.Consensus.Rules;
using PoQ.Consensus.Tests.TestSupport;
using PoQ.Consensus.Trust;

namespace PoQ.Consensus.Tests.Rules;

public class YumaRuleTests
{
    [Fact]
    public void Evaluate_BoosterAboveTheMajority_IsClippedAndTrustFollowsTheBondEma()
    {
        // Four evaluators, stakes (weights in force) 0.5, 1.5, 1, 1 — total 4 — scoring 4, 6, 7, 10.
        // C: stake at or above 10 is 1 < κ·4 = 2; at or above 7 it is 2 ≥ 2, so C = 7 and the 10 is clipped to 7.
        // Consensus: (0.5·4 + 1.5·6 + 1·7 + 1·7) / 4 = 25 / 4 = 6.25.
        // Bond targets Tᵢ = Sᵢ·W̄ᵢ / 6.25: 0.32, 1.44, 1.12, 1.12 (sum 4).
        // EMA, α = 0.1: 0.9·0.5 + 0.032 = 0.482; 0.9·1.5 + 0.144 = 1.494; 0.9·1 + 0.112 = 1.012; 1.012 (sum 4).
        TrustEntry[] before = [new(0.5, 2), new(1.5, 2), new(1, 2), new(1, 2)];
        var run = EngineRun.Of(new YumaRule(), [4, 6, 7, 10], before);
        Assert.Equal(6.25, run.Consensus, 1e-12);
        Assert.Equal([0.225, 0.025, 0.075, 0.375], run.Deviations, (a, b) => Math.Abs(a - b) < 1e-12);
        Assert.Equal([0.32, 1.44, 1.12, 1.12], run.Signals, (a, b) => Math.Abs(a - b) < 1e-12);
        Assert.Equal([0.482, 1.494, 1.012, 1.012], run.After.Select(e => e.Weight), (a, b) => Math.Abs(a - b) < 1e-12);
        Assert.All(run.After, e => Assert.Equal(3, e.Observations));
        Assert.DoesNotContain(true, run.Excluded);
    }

    [Fact]
    public void Evaluate_CoalitionBelowHalfTheStake_CannotLiftTheConsensusButKeepsItsBond()
    {
        // Honest 4, 5, 6 with stake 1 each; two boosters at 10 with 1.4 each: total 5.8, κ·5.8 = 2.9.
        // At or above 10: 2.8 < 2.9; at or above 6: 3.8 ≥ 2.9, so C = 6 and both 10s enter as 6.
        // Consensus: (4 + 5 + 6 + 1.4·6 + 1.4·6) / 5.8 = 31.8 / 5.8 ≈ 5.4828 (the trust-weighted mean would be 46.8 / 5.8 ≈ 8.07).
        // Targets Tᵢ = Sᵢ·W̄ᵢ·5.8 / 31.8: the honest 4 gets 23.2/31.8 ≈ 0.730 (loses), each booster 48.72/31.8 ≈ 1.532
        // (gains like an evaluator at C: Yuma's known asymmetry once weights need not sum to 1 across miners).
        TrustEntry[] before = [new(1, 5), new(1, 5), new(1, 5), new(1.4, 5), new(1.4, 5)];
        var run = EngineRun.Of(new YumaRule(), [4, 5, 6, 10, 10], before);
        Assert.Equal(31.8 / 5.8, run.Consensus, 1e-12);
        Assert.Equal(23.2 / 31.8, run.Signals[0], 1e-12);
        Assert.Equal(48.72 / 31.8, run.Signals[3], 1e-12);
        Assert.Equal((0.9 * 1.4) + (0.1 * 48.72 / 31.8), run.After[3].Weight, 1e-12);
    }

    [Fact]
    public void Evaluate_MajorityScoresZero_ConsensusZeroAndTrustKept()
    {
        // Equal stakes on 0, 0, 3: at or above 3: 1 < 1.5; at or above 0: 3 ≥ 1.5, so C = 0, every clipped score 0.
        // The bond share is 0/0; targets are the stakes, so 0.9·1 + 0.1·1 = 1.
        var run = EngineRun.Of(new YumaRule(), [0, 0, 3]);
        Assert.Equal(0.0, run.Consensus);
        Assert.All(run.After, e => Assert.Equal(1.0, e.Weight, 1e-12));
    }

    [Fact]
    public void Evaluate_KappaAndAlpha_AreRead()
    {
        // κ = 0.25 of total 4 is 1: the 10 alone reaches it, so nothing is clipped: (0.5·4 + 1.5·6 + 7 + 10) / 4 = 7.
        // α = 1 puts each weight at its target: 4·Sᵢ·sᵢ / 28 → the booster's 4·10/28 = 10/7.
        TrustEntry[] before = [new(0.5, 0), new(1.5, 0), new(1, 0), new(1, 0)];
        var run = EngineRun.Of(new YumaRule(kappa: 0.25, alpha: 1), [4, 6, 7, 10], before);
        Assert.Equal(7.0, run.Consensus, 1e-12);
        Assert.Equal(10.0 / 7, run.After[3].Weight, 1e-12);
    }

    private static Gen<YumaRule> Yuma { get; } = Gen.Elements(new YumaRule(), new YumaRule(kappa: 0.7, alpha: 0.5), new YumaRule(kappa: 0.3));

    [Property(MaxTest = 2000)]
    public Property Evaluate_Always_ConsensusWithinMinAndMaxScore() =>
        Prop.ForAll(Yuma.Zip(Generators.ScoresWithTrust).ToArbitrary(), c =>
        {
            (var rule, (double[] scores, TrustEntry[] trust)) = c;
            double consensus = EngineRun.Of(rule, scores, trust).Consensus;
            // Invariant: the clipped scores lie in [min s, C] ⊆ [min s, max s], and so does their weighted mean.
            return (consensus >= scores.Min() && consensus <= scores.Max()).Label($"{rule}: c = {consensus:R}");
        });

    [Property(MaxTest = 1000)]
    public Property Evaluate_PermutedInput_SameConsensusSignalsAndTrust()
    {
        var cases = Yuma.Zip(Generators.ScoresWithTrust)
            .SelectMany(c => Generators.Permutation(c.Item2.Scores.Length).Select(p => (c.Item1, c.Item2.Scores, c.Item2.Trust, p)))
            .ToArbitrary();
        return Prop.ForAll(cases, c =>
        {
            (var rule, double[] scores, TrustEntry[] trust, int[] p) = c;
            var original = EngineRun.Of(rule, scores, trust);
            var permuted = EngineRun.Of(rule, [.. p.Select(i => scores[i])], [.. p.Select(i => trust[i])]);
            // Invariant: arrival order does not matter, to the last bit, for the consensus, each bond target and each weight.
            return (original.Consensus.Equals(permuted.Consensus)
                && Enumerable.Range(0, p.Length).All(j => permuted.Signals[j].Equals(original.Signals[p[j]]) && permuted.After[j].Equals(original.After[p[j]])))
                .Label($"{rule}");
        });
    }

    [Property(MaxTest = 2000)]
    public Property Evaluate_Always_NotAboveTheTrustWeightedMean() =>
        Prop.ForAll(Generators.ScoresWithTrust.ToArbitrary(), c =>
        {
            // Invariant: clipping never raises a score, so Yuma's consensus never exceeds the trust-weighted mean of the
            // same scores and weights (the rule trust computes) — and trust stays within [w_min, w_max].
            var yuma = EngineRun.Of(new YumaRule(), c.Scores, c.Trust);
            var trust = EngineRun.Of(new TrustWeightedMeanRule(), c.Scores, c.Trust);
            return (yuma.Consensus <= trust.Consensus && yuma.After.All(e => e.Weight is >= 0.1 and <= 3))
                .Label($"yuma {yuma.Consensus:R} vs trust {trust.Consensus:R}");
        });
}

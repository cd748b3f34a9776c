using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PoQ.Consensus.Kernels;
using PoQ.Consensus.Rules;
using PoQ.Consensus.Tests.TestSupport;
using PoQ.Consensus.Trust;

namespace PoQ.Consensus.Tests;

public class ConsensusEngineTests
{
    public static TheoryData<double> BadScores => [double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.001, 10.001];

    [Theory]
    [MemberData(nameof(BadScores))]
    public void Evaluate_BadScore_ThrowsNamingTheScoreIndex(double bad)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => EngineRun.Of(new MeanRule(), [5, 6, bad]));
        Assert.Contains("scores[2]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_BoundaryScores_AreAccepted()
    {
        var run = EngineRun.Of(new MeanRule(), [0, 10]);
        Assert.Equal(5.0, run.Consensus);
    }

    [Fact]
    public void Evaluate_NoScores_IsNaN()
    {
        var run = EngineRun.Of(new TrustWeightedMeanRule(), []);
        Assert.True(double.IsNaN(run.Consensus));
    }

    [Fact]
    public void Evaluate_MismatchedSpans_Throws() =>
        Assert.Throws<ArgumentException>(() =>
            ConsensusEngine.Evaluate(new MeanRule(), [1, 2], new TrustEntry[2], new double[2], new double[1], new bool[2], new TrustEntry[2]));

    [Fact]
    public void Evaluate_TooManyScores_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => EngineRun.Of(new MeanRule(), new double[ConsensusEngine.MaxScoresPerTask + 1]));

    [Fact]
    public void Evaluate_UnweightedRule_LeavesTrustUnchanged()
    {
        TrustEntry[] before = [new(2, 4), new(0.5, 1)];
        var run = EngineRun.Of(new MedianRule(), [1, 9], before);
        Assert.Equal(before, run.After);
        Assert.All(run.Weights, w => Assert.Equal(1.0, w));
    }

    public static TheoryData<string> Names => [.. RuleCatalog.Names];

    [Theory]
    [MemberData(nameof(Names))]
    public void Evaluate_UnanimousScores_IsThatScoreWithZeroDeviation(string name)
    {
        // A consensus of identical scores is that score, whatever the rule; 0.1 is inexact in binary, so a
        // naive Σ/k gives 0.30000000000000004 / 3 = 0.10000000000000002.
        var run = EngineRun.Of(RuleCatalog.Create(name), [0.1, 0.1, 0.1]);
        Assert.Equal(0.1, run.Consensus);
        Assert.All(run.Deviations, d => Assert.Equal(0.0, d));
    }

    public static TheoryData<ConsensusRule, ConsensusRule> TrustRulesAndTheirUnweightedForm => new()
    {
        { new TrustWeightedMeanRule(), new MeanRule() },
        { new TrustWeightedMedianRule(), new MedianRule() },
    };

    [Theory]
    [MemberData(nameof(TrustRulesAndTheirUnweightedForm))]
    public void Evaluate_AllWeightsZero_IsTheUnweightedConsensusAndTrustRecovers(ConsensusRule trustRule, ConsensusRule unweighted)
    {
        // No validated trust rule produces weight 0 (w_min > 0), but a trust view can hold it (a restored or foreign
        // snapshot). Σw = 0 must not turn into a NaN consensus that poisons deviations, rewards and trust.
        double[] scores = [2, 9, 4];
        TrustEntry[] zero = [new(0, 3), new(0, 3), new(0, 3)];
        var run = EngineRun.Of(trustRule, scores, zero);
        Assert.Equal(EngineRun.Of(unweighted, scores).Consensus, run.Consensus);
        Assert.All(run.Deviations, d => Assert.True(double.IsFinite(d)));
        // The update multiplies 0 and clips it to w_min: trust climbs out of the zero state in one step.
        Assert.All(run.After, e => Assert.Equal(trustRule.Trust!.Parameters.MinWeight, e.Weight));
    }

    public static TheoryData<ConsensusRule> MiddleScoreRules =>
    [
        new MedianRule(),
        new TrimmedMeanRule(0.2, TrimRounding.AtLeastOne),
        new TrustWeightedMedianRule(),
    ];

    [Theory]
    [MemberData(nameof(MiddleScoreRules))]
    public void Evaluate_PositiveAndNegativeZero_SameBitsInEveryArrivalOrder(ConsensusRule rule)
    {
        // −0.0 passes the [0, 10] check (it is not below 0) and compares equal to +0.0, so the canonical order
        // breaks the tie by arrival index: a rule that returns the middle score would return whichever zero
        // arrived second. Every arrival order of {−0, +0, 5} must give one bit pattern, and it is +0 (the
        // middle of {0, 0, 5} is a zero, and the wire value 0 means +0).
        double[][] arrivals = [[-0.0, 0.0, 5], [0.0, -0.0, 5], [5, -0.0, 0.0], [5, 0.0, -0.0], [-0.0, 5, 0.0], [0.0, 5, -0.0]];
        long[] bits = [.. arrivals.Select(scores => BitConverter.DoubleToInt64Bits(EngineRun.Of(rule, scores).Consensus))];
        Assert.All(bits, b => Assert.Equal(BitConverter.DoubleToInt64Bits(0.0), b));
    }

    [Property(MaxTest = 2000)]
    public Property Evaluate_AnyRule_ConsensusWithinMinAndMaxScore() =>
        Prop.ForAll(Generators.Rule.Zip(Generators.ScoresWithTrust).ToArbitrary(), c =>
        {
            (var rule, (double[] scores, TrustEntry[] trust)) = c;
            var run = EngineRun.Of(rule, scores, trust);
            // Invariant: min(s) ≤ c ≤ max(s) for every rule (exactly, as ConsensusEngine documents), and
            // therefore every deviation lies in [0, 1].
            return (run.Consensus >= scores.Min() && run.Consensus <= scores.Max() && run.Deviations.All(d => d is >= 0 and <= 1))
                .Label($"{rule}: c = {run.Consensus:R}");
        });

    [Property(MaxTest = 1000)]
    public Property Evaluate_PermutedScoresAndTrust_GivesBitIdenticalResult()
    {
        var cases = Generators.Rule.Zip(Generators.ScoresWithTrust)
            .SelectMany(c => Generators.Permutation(c.Item2.Scores.Length).Select(p => (c.Item1, c.Item2.Scores, c.Item2.Trust, p)))
            .ToArbitrary();
        return Prop.ForAll(cases, c =>
        {
            (var rule, double[] scores, TrustEntry[] trust, int[] p) = c;
            var original = EngineRun.Of(rule, scores, trust);
            var permuted = EngineRun.Of(rule, [.. p.Select(i => scores[i])], [.. p.Select(i => trust[i])]);
            // Invariant: arrival order does not matter — the consensus is the same to the last bit, and each
            // evaluator's deviation and trust after the task follow it through the permutation.
            bool sameConsensus = BitConverter.DoubleToInt64Bits(original.Consensus) == BitConverter.DoubleToInt64Bits(permuted.Consensus);
            bool samePerEvaluator = Enumerable.Range(0, p.Length).All(j =>
                permuted.Deviations[j].Equals(original.Deviations[p[j]]) && permuted.After[j].Equals(original.After[p[j]]));
            return (sameConsensus && samePerEvaluator).Label($"{rule}");
        });
    }
}

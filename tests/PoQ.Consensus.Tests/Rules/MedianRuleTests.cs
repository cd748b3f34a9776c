using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PoQ.Consensus.Rules;
using PoQ.Consensus.Tests.TestSupport;

namespace PoQ.Consensus.Tests.Rules;

public class MedianRuleTests
{
    [Fact]
    public void Evaluate_OddCount_IsMiddleScore()
    {
        var run = EngineRun.Of(new MedianRule(), [7, 1, 4]);
        Assert.Equal(4.0, run.Consensus);
    }

    [Fact]
    public void Evaluate_OddCount_ExcludesAllButTheMiddle()
    {
        var run = EngineRun.Of(new MedianRule(), [7, 1, 4]);
        Assert.Equal([true, true, false], run.Excluded);
    }

    [Fact]
    public void Evaluate_EvenCount_IsAverageOfMiddleTwo()
    {
        var run = EngineRun.Of(new MedianRule(), [1, 9, 3, 5]);
        // Sorted 1, 3, 5, 9: (3 + 5) / 2 = 4.
        Assert.Equal(4.0, run.Consensus);
    }

    [Fact]
    public void Evaluate_EvenCount_KeepsBothMiddleScores()
    {
        var run = EngineRun.Of(new MedianRule(), [1, 9, 3, 5]);
        // 1 and 9 are outside the middle; 3 and 5 formed the result.
        Assert.Equal([true, true, false, false], run.Excluded);
    }

    [Fact]
    public void Evaluate_SingleScore_IsThatScoreAndNotExcluded()
    {
        var run = EngineRun.Of(new MedianRule(), [6.5]);
        Assert.Equal(6.5, run.Consensus);
        Assert.False(run.Excluded[0]);
    }

    [Fact]
    public void Evaluate_OneExtremeOutlier_IgnoresIt()
    {
        var run = EngineRun.Of(new MedianRule(), [6, 6.5, 7, 7.5, 0]);
        Assert.Equal(6.5, run.Consensus);
    }

    [Property(MaxTest = 1000)]
    public Property Evaluate_ShiftedScores_ShiftsConsensus() =>
        Prop.ForAll(Generators.ScoresWithShift.ToArbitrary(), c =>
        {
            // Invariant (shift equivariance): median(s + a) = median(s) + a while s + a stays within [0, 10].
            double before = EngineRun.Of(new MedianRule(), c.Scores).Consensus;
            double after = EngineRun.Of(new MedianRule(), Generators.Shifted(c.Scores, c.Shift)).Consensus;
            return Math.Abs(after - (before + c.Shift)) <= 1e-9;
        });

    [Property(MaxTest = 1000)]
    public Property Evaluate_MaliciousMinority_StaysWithinHonestScores()
    {
        var cases = Gen.Choose(1, 15)
            .SelectMany(k => Gen.Choose(0, (k - 1) / 2).Select(m => (Honest: k - m, Malicious: m)))
            .SelectMany(n => Gen.ArrayOf(Generators.Score, n.Honest).Zip(Gen.ArrayOf(Generators.Score, n.Malicious)))
            .ToArbitrary();
        return Prop.ForAll(cases, c =>
        {
            (double[] honest, double[] malicious) = c;
            // Invariant (breakdown point 1/2): with m < k/2 arbitrary scores, the median lies within
            // [min honest, max honest], whatever the malicious scores are.
            double consensus = EngineRun.Of(new MedianRule(), [.. honest, .. malicious]).Consensus;
            return consensus >= honest.Min() && consensus <= honest.Max();
        });
    }
}

using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PoQ.Consensus.Rules;
using PoQ.Consensus.Tests.TestSupport;

namespace PoQ.Consensus.Tests.Rules;

public class MeanRuleTests
{
    [Fact]
    public void Evaluate_ThreeScores_IsArithmeticMean()
    {
        var run = EngineRun.Of(new MeanRule(), [2, 4, 9]);
        // (2 + 4 + 9) / 3 = 5.
        Assert.Equal(5.0, run.Consensus, 1e-12);
    }

    [Fact]
    public void Evaluate_AnyScores_ExcludesNothingAndWeighsEachOne()
    {
        var run = EngineRun.Of(new MeanRule(), [0, 10, 3, 3]);
        Assert.All(run.Excluded, Assert.False);
        Assert.All(run.Weights, w => Assert.Equal(1.0, w));
    }

    [Fact]
    public void Evaluate_ThreeScores_DeviationIsDistanceToMeanOverTen()
    {
        var run = EngineRun.Of(new MeanRule(), [2, 4, 9]);
        // c = 5: |2−5|/10, |4−5|/10, |9−5|/10.
        Assert.Equal(0.3, run.Deviations[0], 1e-12);
        Assert.Equal(0.1, run.Deviations[1], 1e-12);
        Assert.Equal(0.4, run.Deviations[2], 1e-12);
    }

    [Fact]
    public void Parameters_Always_AreEmpty() => Assert.Empty(new MeanRule().Parameters);

    [Property(MaxTest = 1000)]
    public Property Evaluate_ShiftedScores_ShiftsConsensus() =>
        Prop.ForAll(Generators.ScoresWithShift.ToArbitrary(), c =>
        {
            // Invariant (shift equivariance): mean(s + a) = mean(s) + a while s + a stays within [0, 10].
            double before = EngineRun.Of(new MeanRule(), c.Scores).Consensus;
            double after = EngineRun.Of(new MeanRule(), Generators.Shifted(c.Scores, c.Shift)).Consensus;
            return Math.Abs(after - (before + c.Shift)) <= 1e-9;
        });
}

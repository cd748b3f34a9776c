using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PoQ.Consensus.Kernels;
using PoQ.Consensus.Rules;
using PoQ.Consensus.Tests.TestSupport;

namespace PoQ.Consensus.Tests.Rules;

public class TrimmedMeanRuleTests
{
    [Fact]
    public void Evaluate_DefaultTauFiveScores_DropsOnePerSide()
    {
        var run = EngineRun.Of(new TrimmedMeanRule(), [10, 0, 6, 2, 4]);
        // τ = 0.2, k = 5: g = 1. Sorted 0, 2, 4, 6, 10 → (2 + 4 + 6) / 3 = 4.
        Assert.Equal(4.0, run.Consensus, 1e-12);
        Assert.Equal([true, true, false, false, false], run.Excluded);
    }

    [Fact]
    public void Evaluate_FloorAtKThree_EqualsMeanAndExcludesNothing()
    {
        var run = EngineRun.Of(new TrimmedMeanRule(0.2, TrimRounding.Floor), [1, 2, 9]);
        // ⌊0.2·3⌋ = 0: nothing trimmed, (1 + 2 + 9) / 3 = 4.
        Assert.Equal(4.0, run.Consensus, 1e-12);
        Assert.All(run.Excluded, Assert.False);
    }

    [Fact]
    public void Evaluate_AtLeastOneAtKThree_TrimsToTheMiddle()
    {
        var run = EngineRun.Of(new TrimmedMeanRule(0.2, TrimRounding.AtLeastOne), [1, 2, 9]);
        // g = max(1, 0) = 1: only 2 is left.
        Assert.Equal(2.0, run.Consensus);
        Assert.Equal([true, false, true], run.Excluded);
    }

    [Fact]
    public void Evaluate_TenScores_DropsTwoPerSide()
    {
        var run = EngineRun.Of(new TrimmedMeanRule(0.2), [0, 1, 2, 3, 4, 5, 6, 7, 8, 10]);
        // g = ⌊0.2·10⌋ = 2: keep 2..7 → 27 / 6 = 4.5.
        Assert.Equal(4.5, run.Consensus, 1e-12);
        Assert.Equal(4, run.Excluded.Count(x => x));
        Assert.True(run.Excluded[0] && run.Excluded[1] && run.Excluded[8] && run.Excluded[9]);
    }

    [Fact]
    public void Evaluate_TiesAtTheCut_TrimsLowestIndexAtBottomAndHighestIndexAtTop()
    {
        var run = EngineRun.Of(new TrimmedMeanRule(0.2, TrimRounding.AtLeastOne), [3, 3, 3]);
        // Canonical order is (score, index): 0, 1, 2 — the ends are indices 0 and 2.
        Assert.Equal(3.0, run.Consensus);
        Assert.Equal([true, false, true], run.Excluded);
    }

    [Fact]
    public void Evaluate_AtLeastOneTwoScores_TrimsNothing()
    {
        var run = EngineRun.Of(new TrimmedMeanRule(0.2, TrimRounding.AtLeastOne), [2, 8]);
        Assert.Equal(5.0, run.Consensus, 1e-12);
        Assert.All(run.Excluded, Assert.False);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.7)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Constructor_TauOutsideRange_ThrowsNamingTau(double tau)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new TrimmedMeanRule(tau));
        Assert.Equal("tau", error.ParamName);
        Assert.Contains("tau", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parameters_Default_AreTauAndRoundingInvariant()
    {
        var parameters = new TrimmedMeanRule(0.25, TrimRounding.AtLeastOne).Parameters.ToDictionary();
        Assert.Equal("0.25", parameters["tau"]);
        Assert.Equal("at-least-one", parameters["rounding"]);
    }

    [Property(MaxTest = 1000)]
    public Property Evaluate_ShiftedScores_ShiftsConsensus()
    {
        var cases = Generators.ScoresWithShift.Zip(Gen.Elements(TrimRounding.Floor, TrimRounding.AtLeastOne)).ToArbitrary();
        return Prop.ForAll(cases, c =>
        {
            var rule = new TrimmedMeanRule(0.2, c.Item2);
            // Invariant (shift equivariance): trimmed(s + a) = trimmed(s) + a while s + a stays within [0, 10].
            double before = EngineRun.Of(rule, c.Item1.Scores).Consensus;
            double after = EngineRun.Of(rule, Generators.Shifted(c.Item1.Scores, c.Item1.Shift)).Consensus;
            return Math.Abs(after - (before + c.Item1.Shift)) <= 1e-9;
        });
    }

    [Property(MaxTest = 1000)]
    public Property Evaluate_AtMostTrimCountMalicious_StaysWithinHonestScores()
    {
        var cases = Gen.Choose(1, 40).Select(t => t / 100.0)
            .Zip(Gen.Elements(TrimRounding.Floor, TrimRounding.AtLeastOne))
            .Zip(Gen.Choose(1, 20))
            .SelectMany(p =>
            {
                ((double tau, TrimRounding rounding), int k) = p;
                int g = TrimCount.PerSide(tau, k, rounding);
                return Gen.Choose(0, g).SelectMany(m =>
                    Gen.ArrayOf(Generators.Score, k - m).Zip(Gen.ArrayOf(Generators.Score, m), (h, x) => (tau, rounding, h, x)));
            })
            .ToArbitrary();
        return Prop.ForAll(cases, c =>
        {
            // Invariant: with m ≤ g arbitrary scores (so certainly for m < g), every score that survives the trim
            // lies within [min honest, max honest] — at most m ≤ g scores are below the honest minimum and g are
            // dropped from that side — so their mean does too.
            var rule = new TrimmedMeanRule(c.tau, c.rounding);
            double consensus = EngineRun.Of(rule, [.. c.h, .. c.x]).Consensus;
            return consensus >= c.h.Min() - 1e-12 && consensus <= c.h.Max() + 1e-12;
        });
    }
}

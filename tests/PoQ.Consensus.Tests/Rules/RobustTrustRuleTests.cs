using PoQ.Consensus.Rules;
using PoQ.Consensus.Tests.TestSupport;
using PoQ.Consensus.Trust;

namespace PoQ.Consensus.Tests.Rules;

public class RobustTrustRuleTests
{
    // e0: w = 3 after 5 tasks; e1: unseen; e2: w = 0.5 after 5 tasks.
    private static readonly TrustEntry[] Before = [new(3, 5), new(1, 0), new(0.5, 5)];

    [Fact]
    public void Evaluate_ColdStartPrior_ShrinksWeightsTowardsInitial()
    {
        var run = EngineRun.Of(new RobustTrustRule(), [8, 2, 4], Before);
        // (n·w + m·w₀)/(n + m), m = 5, w₀ = 1: (15 + 5)/10 = 2; (0 + 5)/5 = 1; (2.5 + 5)/10 = 0.75.
        Assert.Equal(2.0, run.Weights[0], 1e-12);
        Assert.Equal(1.0, run.Weights[1], 1e-12);
        Assert.Equal(0.75, run.Weights[2], 1e-12);
    }

    [Fact]
    public void Evaluate_WeightsInForce_GiveWeightedMean()
    {
        var run = EngineRun.Of(new RobustTrustRule(), [8, 2, 4], Before);
        // (2·8 + 1·2 + 0.75·4) / 3.75 = 21 / 3.75 = 5.6.
        Assert.Equal(5.6, run.Consensus, 1e-12);
        // The reward signal is still measured from the consensus: |8 − 5.6|/10 etc.
        Assert.Equal(0.24, run.Deviations[0], 1e-12);
        Assert.Equal(0.36, run.Deviations[1], 1e-12);
        Assert.Equal(0.16, run.Deviations[2], 1e-12);
    }

    [Fact]
    public void Evaluate_TrustUpdate_UsesMedianCentrePivotAndStoredWeight()
    {
        var run = EngineRun.Of(new RobustTrustRule(), [8, 2, 4], Before);
        // Centre = median 4 (not c = 5.6): d = 0.4, 0.2, 0. Pivot 0.15, λ = 0.2, applied to the stored w:
        // 3·(1 + 0.2·(0.15 − 0.4)) = 2.85; 1·(1 + 0.2·(0.15 − 0.2)) = 0.99; 0.5·(1 + 0.2·0.15) = 0.515.
        Assert.Equal(2.85, run.After[0].Weight, 1e-12);
        Assert.Equal(0.99, run.After[1].Weight, 1e-12);
        Assert.Equal(0.515, run.After[2].Weight, 1e-12);
        Assert.Equal([6, 1, 6], run.After.Select(e => e.Observations));
    }

    [Fact]
    public void Evaluate_NoPrior_UsesStoredWeights()
    {
        var run = EngineRun.Of(new RobustTrustRule(priorStrength: 0), [8, 2, 4], Before);
        // (3·8 + 1·2 + 0.5·4) / 4.5 = 28 / 4.5.
        Assert.Equal([3.0, 1.0, 0.5], run.Weights);
        Assert.Equal(28 / 4.5, run.Consensus, 1e-12);
    }

    [Fact]
    public void Parameters_Default_IncludePivotAndPrior()
    {
        var parameters = new RobustTrustRule().Parameters.ToDictionary();
        Assert.Equal("0.15", parameters["pivot"]);
        Assert.Equal("5", parameters["prior"]);
        Assert.Equal("0.2", parameters["lambda"]);
    }

    [Theory]
    [InlineData(0.0, 5.0, "pivot")]
    [InlineData(1.5, 5.0, "pivot")]
    [InlineData(double.NaN, 5.0, "pivot")]
    [InlineData(0.15, -1.0, "prior")]
    [InlineData(0.15, double.PositiveInfinity, "prior")]
    public void Constructor_BadPivotOrPrior_NamesIt(double pivot, double prior, string name)
    {
        var error = Assert.Throws<ArgumentException>(() => new RobustTrustRule(pivot: pivot, priorStrength: prior));
        Assert.Contains($"'{name}'", error.Message, StringComparison.Ordinal);
    }
}

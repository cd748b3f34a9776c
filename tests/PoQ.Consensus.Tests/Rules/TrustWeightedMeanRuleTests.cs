using PoQ.Consensus.Rules;
using PoQ.Consensus.Tests.TestSupport;
using PoQ.Consensus.Trust;

namespace PoQ.Consensus.Tests.Rules;

public class TrustWeightedMeanRuleTests
{
    [Fact]
    public void Evaluate_UnseenEvaluators_IsMeanAndAppliesEq21()
    {
        var run = EngineRun.Of(new TrustWeightedMeanRule(), [2, 4, 9]);
        // All weights w₀ = 1, so c = 15 / 3 = 5; d = 0.3, 0.1, 0.4.
        Assert.Equal(5.0, run.Consensus, 1e-12);
        // Eq. 21, λ = 0.2: w ← 1·(1 + 0.2·(0.5 − d)).
        Assert.Equal(1.04, run.After[0].Weight, 1e-12);
        Assert.Equal(1.08, run.After[1].Weight, 1e-12);
        Assert.Equal(1.02, run.After[2].Weight, 1e-12);
        Assert.All(run.After, e => Assert.Equal(1, e.Observations));
    }

    [Fact]
    public void Evaluate_UnequalWeights_IsWeightedMeanAndUpdatesFromConsensus()
    {
        TrustEntry[] before = [new(2, 3), new(1, 0), new(0.5, 7)];
        var run = EngineRun.Of(new TrustWeightedMeanRule(), [8, 2, 6], before);
        // c = (2·8 + 1·2 + 0.5·6) / 3.5 = 21 / 3.5 = 6.
        Assert.Equal(6.0, run.Consensus, 1e-12);
        Assert.Equal([2.0, 1.0, 0.5], run.Weights);
        // d from c = 6: 0.2, 0.4, 0.
        Assert.Equal(0.2, run.Deviations[0], 1e-12);
        Assert.Equal(0.4, run.Deviations[1], 1e-12);
        Assert.Equal(0.0, run.Deviations[2], 1e-12);
        // 2·(1 + 0.2·0.3) = 2.12; 1·(1 + 0.2·0.1) = 1.02; 0.5·(1 + 0.2·0.5) = 0.55.
        Assert.Equal(2.12, run.After[0].Weight, 1e-12);
        Assert.Equal(1.02, run.After[1].Weight, 1e-12);
        Assert.Equal(0.55, run.After[2].Weight, 1e-12);
        Assert.Equal([4, 1, 8], run.After.Select(e => e.Observations));
    }

    [Fact]
    public void Evaluate_WeightNearMax_ClipsAtMax()
    {
        TrustEntry[] before = [new(2.9, 10), new(2.9, 10)];
        var run = EngineRun.Of(new TrustWeightedMeanRule(), [5, 5], before);
        // d = 0: 2.9·1.1 = 3.19, clipped to w_max = 3.
        Assert.All(run.After, e => Assert.Equal(3.0, e.Weight));
    }

    [Fact]
    public void Evaluate_FarOutlierAtMinWeight_ClipsAtMin()
    {
        TrustEntry[] before = [new(0.1, 10), new(3, 10), new(3, 10)];
        var run = EngineRun.Of(new TrustWeightedMeanRule(new TrustParameters { Lambda = 1 }), [0, 10, 10], before);
        // c = 60 / 6.1 ≈ 9.836; d₀ ≈ 0.98 > 0.5, so 0.1·(1 + (0.5 − 0.98)) ≈ 0.052, clipped to w_min = 0.1.
        Assert.Equal(0.1, run.After[0].Weight);
        Assert.Equal(60 / 6.1, run.Consensus, 1e-12);
    }

    [Fact]
    public void Evaluate_AnyScores_ExcludesNothing()
    {
        var run = EngineRun.Of(new TrustWeightedMeanRule(), [0, 5, 10]);
        Assert.All(run.Excluded, Assert.False);
    }

    [Fact]
    public void Parameters_Default_AreTheDesignDefaults()
    {
        var parameters = new TrustWeightedMeanRule().Parameters.ToDictionary();
        Assert.Equal("0.2", parameters["lambda"]);
        Assert.Equal("1", parameters["w0"]);
        Assert.Equal("0.1", parameters["w_min"]);
        Assert.Equal("3", parameters["w_max"]);
        Assert.Equal(4, parameters.Count);
    }

    [Fact]
    public void Constructor_SeveralBadParameters_NamesEachOne()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new TrustWeightedMeanRule(new TrustParameters { Lambda = 0, MinWeight = 2, MaxWeight = 1 }));
        Assert.Contains("lambda", error.Message, StringComparison.Ordinal);
        Assert.Contains("w_max", error.Message, StringComparison.Ordinal);
        // w₀ = 1 is no longer within [2, 1].
        Assert.Contains("w0", error.Message, StringComparison.Ordinal);
    }
}

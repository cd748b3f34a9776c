namespace PoQ.Rewards.Tests;

public class CostAwareRewardTests
{
    private static readonly RewardParameters Defaults = new();

    [Fact]
    public void Inference_Defaults_IsQualityMinusHalfCost() =>
        // α_F·c/10 − β_F·ĉ_F = 1·0.7 − 0.5·(2500/5000) = 0.45.
        Assert.Equal(0.45, CostAwareReward.Inference(7, 2_500, Defaults), 1e-12);

    [Fact]
    public void Inference_CustomCoefficients_UsesThem()
    {
        var p = new RewardParameters { AlphaInference = 2, BetaInference = 0.1, InferenceLatency = new LatencyBounds(1_000, 3_000) };
        // 2·0.9 − 0.1·((2000 − 1000)/2000) = 1.8 − 0.05 = 1.75.
        Assert.Equal(1.75, CostAwareReward.Inference(9, 2_000, p), 1e-12);
    }

    [Fact]
    public void Inference_LatencyAboveMax_CostsAtMostBeta() =>
        // ĉ clamps to 1: 1·1 − 0.5·1 = 0.5.
        Assert.Equal(0.5, CostAwareReward.Inference(10, 60_000, Defaults), 1e-12);

    [Fact]
    public void Evaluator_Defaults_IsAgreementMinusHalfCost() =>
        // α_M·(1 − d) − β_M·ĉ_M = 1·0.8 − 0.5·(250/1000) = 0.675.
        Assert.Equal(0.675, CostAwareReward.Evaluator(0.2, 250, Defaults), 1e-12);

    [Fact]
    public void Evaluator_CustomCoefficients_UsesThem()
    {
        var p = new RewardParameters { AlphaEvaluator = 3, BetaEvaluator = 1, EvaluatorLatency = new LatencyBounds(100, 300) };
        // 3·(1 − 0.5) − 1·((150 − 100)/200) = 1.5 − 0.25 = 1.25.
        Assert.Equal(1.25, CostAwareReward.Evaluator(0.5, 150, p), 1e-12);
    }

    [Fact]
    public void Evaluator_FastAndExact_EarnsAlpha() =>
        Assert.Equal(1.0, CostAwareReward.Evaluator(0, 0, Defaults));

    [Fact]
    public void Evaluator_NegativeLatency_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => CostAwareReward.Evaluator(0.1, -1, Defaults));
}

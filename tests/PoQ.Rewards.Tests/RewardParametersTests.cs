namespace PoQ.Rewards.Tests;

public class RewardParametersTests
{
    [Fact]
    public void Defaults_Always_AreTheDesignBriefsAndValid()
    {
        var p = new RewardParameters();
        Assert.Equal((1.0, 0.5, 1.0, 0.5), (p.AlphaInference, p.BetaInference, p.AlphaEvaluator, p.BetaEvaluator));
        Assert.Equal(EvaluatorRewardMode.Linear, p.EvaluatorMode);
        Assert.Empty(p.Problems());
        Assert.Same(p, p.Validated());
    }

    public static TheoryData<RewardParameters, string> BadOnes => new()
    {
        { new RewardParameters { AlphaInference = -1 }, "alpha_f" },
        { new RewardParameters { BetaInference = double.NaN }, "beta_f" },
        { new RewardParameters { AlphaEvaluator = double.PositiveInfinity }, "alpha_m" },
        { new RewardParameters { BetaEvaluator = -0.5 }, "beta_m" },
        { new RewardParameters { InferenceLatency = new LatencyBounds(-1, 10) }, "inference_min_ms" },
        { new RewardParameters { InferenceLatency = new LatencyBounds(10, 10) }, "inference_max_ms" },
        { new RewardParameters { EvaluatorLatency = new LatencyBounds(double.NaN, 10) }, "evaluator_min_ms" },
        { new RewardParameters { EvaluatorLatency = new LatencyBounds(0, -1) }, "evaluator_max_ms" },
        { new RewardParameters { EvaluatorBudget = -1m }, "budget" },
        { new RewardParameters { EvaluatorBudget = 0.0000001m }, "budget" },
    };

    [Theory]
    [MemberData(nameof(BadOnes))]
    public void Problems_OneBadParameter_NamesIt(RewardParameters parameters, string name) =>
        Assert.Contains($"'{name}'", Assert.Single(parameters.Problems()), StringComparison.Ordinal);

    [Fact]
    public void Problems_SeveralBadParameters_ReportsEachOne()
    {
        var problems = new RewardParameters
        {
            AlphaInference = -1,
            BetaEvaluator = double.NaN,
            EvaluatorLatency = new LatencyBounds(5, 1),
            EvaluatorBudget = -2m,
        }.Problems();
        Assert.Equal(4, problems.Count);
        foreach (string name in new[] { "alpha_f", "beta_m", "evaluator_max_ms", "budget" })
        {
            Assert.Contains(problems, p => p.Contains($"'{name}'", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Validated_Problems_ThrowsListingEachOne()
    {
        var error = Assert.Throws<ArgumentException>(() => new RewardParameters { AlphaEvaluator = -1, BetaInference = -1 }.Validated());
        Assert.Contains("alpha_m", error.Message, StringComparison.Ordinal);
        Assert.Contains("beta_f", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Canonical_DifferentParameters_Differ()
    {
        var a = new RewardParameters().Canonical();
        var b = new RewardParameters { EvaluatorMode = EvaluatorRewardMode.Budget }.Canonical();
        var c = new RewardParameters { EvaluatorBudget = 2.5m }.Canonical();
        Assert.NotEqual(a, b);
        Assert.NotEqual(a, c);
        Assert.Equal(a, new RewardParameters().Canonical());
        Assert.Equal("2.5", c.ToDictionary()["budget"]);
    }

    [Fact]
    public void Canonical_NegativeZeroParameter_EqualsPositiveZero()
    {
        // β = −0 pays exactly like β = 0 and passes validation (it is not below 0); "R" would write it as "-0" and
        // give the same parameters two hashes.
        var negative = new RewardParameters { BetaInference = -0.0, BetaEvaluator = -0.0, EvaluatorLatency = new LatencyBounds(-0.0, 1_000) };
        var positive = new RewardParameters { BetaInference = 0.0, BetaEvaluator = 0.0, EvaluatorLatency = new LatencyBounds(0.0, 1_000) };
        Assert.Empty(negative.Problems());
        Assert.Equal(positive.Canonical(), negative.Canonical());
    }

    [Fact]
    public void PayoutParameters_BudgetMode_LeaveOutWhatOnlyTheLinearEvaluatorRewardReads()
    {
        var budget = new RewardParameters { EvaluatorMode = EvaluatorRewardMode.Budget };
        var otherCosts = budget with { AlphaEvaluator = 2, BetaEvaluator = 0.9, EvaluatorLatency = new LatencyBounds(50, 300) };
        // Budget mode pays shares ∝ 1 − d (design.md): α_M, β_M and ĉ_M's bounds cannot change a payout there.
        Assert.Equal(budget.PayoutParameters(), otherCosts.PayoutParameters());
        Assert.NotEqual(budget.Canonical(), otherCosts.Canonical());
        Assert.DoesNotContain(budget.PayoutParameters(), p => p.Key == "beta_m");
        Assert.Contains(budget.PayoutParameters(), p => p.Key == "budget");
    }

    [Fact]
    public void PayoutParameters_LinearMode_AreEveryCanonicalPair()
    {
        var linear = new RewardParameters { BetaEvaluator = 0.9 };
        Assert.Equal(linear.Canonical(), linear.PayoutParameters());
    }
}

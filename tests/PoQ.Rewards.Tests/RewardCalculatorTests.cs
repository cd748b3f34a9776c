using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace PoQ.Rewards.Tests;

public class RewardCalculatorTests
{
    [Fact]
    public void Allocate_Linear_PaysEachEvaluatorByFormula()
    {
        var rewards = new double[2];
        double inference = RewardCalculator.Allocate(new RewardParameters(), 7, 2_500, [0.2, 0.5], [250, 1_000], rewards);
        Assert.Equal(0.45, inference, 1e-12);
        // 0.8 − 0.5·0.25 = 0.675; 0.5 − 0.5·1 = 0.
        Assert.Equal(0.675, rewards[0], 1e-12);
        Assert.Equal(0.0, rewards[1], 1e-12);
    }

    [Fact]
    public void Allocate_Budget_SplitsByAgreementIgnoringLatency()
    {
        var p = new RewardParameters { EvaluatorMode = EvaluatorRewardMode.Budget, EvaluatorBudget = 1m };
        var rewards = new double[3];
        double inference = RewardCalculator.Allocate(p, 7, 2_500, [0, 0.5, 1], [999, 0, 0], rewards);
        // Agreements 1, 0.5, 0 → 666,667 / 333,333 / 0 micro-units (see BudgetSplitTests).
        Assert.Equal([0.666667, 0.333333, 0.0], rewards);
        Assert.Equal(0.45, inference, 1e-12);
    }

    [Fact]
    public void Allocate_BudgetDeviationAboveOne_CountsAsZeroAgreement()
    {
        var p = new RewardParameters { EvaluatorMode = EvaluatorRewardMode.Budget, EvaluatorBudget = 2m };
        var rewards = new double[2];
        RewardCalculator.Allocate(p, 5, 0, [1.5, 0.5], [0, 0], rewards);
        Assert.Equal([0.0, 2.0], rewards);
    }

    [Fact]
    public void Allocate_MismatchedSpans_Throws() =>
        Assert.Throws<ArgumentException>(() => RewardCalculator.Allocate(new RewardParameters(), 5, 0, [0.1, 0.2], [0], new double[2]));

    [Property(MaxTest = 1000)]
    public Property Allocate_BudgetMode_DecimalAmountsAddUpToBudget()
    {
        // Budgets up to 10⁶ units with 6 decimals: at most 13 significant digits, which a double carries exactly
        // through shares / 10⁶ and back to decimal.
        var budget = Gen.Choose(0, 1_000_000).Zip(Gen.Choose(0, 999_999), (units, micros) => units + (micros / 1_000_000m));
        var deviations = Gen.Choose(1, 20).SelectMany(k => Gen.ArrayOf(Gen.Choose(0, 1000).Select(d => d / 1000.0), k));
        return Prop.ForAll(budget.Zip(deviations).ToArbitrary(), c =>
        {
            (decimal b, double[] d) = c;
            var p = new RewardParameters { EvaluatorMode = EvaluatorRewardMode.Budget, EvaluatorBudget = b };
            var rewards = new double[d.Length];
            RewardCalculator.Allocate(p, 5, 0, d, new double[d.Length], rewards);
            // Invariant: the evaluator payouts of a task, read as decimals, add up to the configured budget exactly.
            return rewards.Sum(r => (decimal)r) == b;
        });
    }
}

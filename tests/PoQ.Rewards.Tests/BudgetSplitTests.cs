using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace PoQ.Rewards.Tests;

public class BudgetSplitTests
{
    private static long[] Split(long budget, params double[] agreements)
    {
        var shares = new long[agreements.Length];
        BudgetSplit.Split(budget, agreements, shares);
        return shares;
    }

    [Fact]
    public void Split_ExactProportions_GivesThem() =>
        // 1 : 3 of 1,000,000 is 250,000 and 750,000 with no remainder.
        Assert.Equal([250_000L, 750_000L], Split(1_000_000, 0.25, 0.75));

    [Fact]
    public void Split_Remainder_GoesToLargestFraction()
    {
        // Agreements 1, 0.5, 0 of 1.5: exact 666,666.67, 333,333.33, 0 → floors sum to 999,999;
        // the last micro-unit goes to the largest remainder (0.67).
        Assert.Equal([666_667L, 333_333L, 0L], Split(1_000_000, 1, 0.5, 0));
    }

    [Fact]
    public void Split_AllZeroAgreement_SplitsEquallyTiesToLowerIndex() =>
        // 1,000,000 / 3 = 333,333.33 each; the one left over goes to index 0.
        Assert.Equal([333_334L, 333_333L, 333_333L], Split(1_000_000, 0, 0, 0));

    [Fact]
    public void Split_NoEvaluators_DoesNothing() => Assert.Empty(Split(1_000_000));

    [Fact]
    public void Split_NegativeAgreement_ThrowsNamingIt()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Split(10, 1, -0.1));
        Assert.Contains("agreements[1]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Split_NegativeBudget_Throws() => Assert.Throws<ArgumentOutOfRangeException>(() => Split(-1, 1));

    [Fact]
    public void Split_WrongShareCount_Throws() =>
        Assert.Throws<ArgumentException>(() => BudgetSplit.Split(10, [1, 1], new long[3]));

    private static Gen<double> Agreement { get; } = Gen.Frequency(
        (6, Gen.Choose(0, 1_000_000).Select(i => i / 1_000_000.0)),
        (2, Gen.Elements(0.0, 1.0, 0.5, 1.0 / 3)),
        (1, Gen.Choose(1, 1000).Select(i => i * 1e-300)));

    [Property(MaxTest = 2000)]
    public Property Split_AnyAgreementsAndBudget_ConservesBudgetExactly()
    {
        var budget = Gen.Frequency(
            (3, Gen.Choose(0, 10_000_000).Select(b => (long)b)),
            (1, Gen.Choose(0, int.MaxValue).Zip(Gen.Choose(0, 1_000_000), (a, b) => (a * 1_000_000L) + b)));
        var cases = budget.Zip(Gen.Choose(1, 30).SelectMany(k => Gen.ArrayOf(Agreement, k))).ToArbitrary();
        return Prop.ForAll(cases, c =>
        {
            (long b, double[] agreements) = c;
            long[] shares = Split(b, agreements);
            // Invariant: Σ shares = budget exactly, and no share is negative.
            bool conserved = shares.Sum() == b && shares.All(s => s >= 0);
            // Invariant: shares follow agreement — a larger agreement never gets a smaller share (beyond the
            // one micro-unit the remainder hands out).
            bool monotone = Enumerable.Range(0, agreements.Length).All(i => Enumerable.Range(0, agreements.Length)
                .All(j => agreements[i] <= agreements[j] || shares[i] + 1 >= shares[j]));
            return conserved.Label("conserved").And(monotone.Label("monotone"));
        });
    }
}

using FsCheck;
using FsCheck.Fluent;
using PoQ.Simulation.Pool;
using PoQ.Simulation.Randomness;

namespace PoQ.Simulation.Tests.Pool;

public sealed class EvaluatorPoolTests
{
    [Theory]
    [InlineData(50, 0.0, 0)]
    [InlineData(50, 0.1, 5)]
    [InlineData(50, 0.5, 25)]
    [InlineData(10, 0.25, 3)]
    [InlineData(7, 1.0, 7)]
    public void Constructor_Ratio_MarksRoundedShareMalicious(int size, double ratio, int expected)
    {
        var pool = new EvaluatorPool(size, ratio, seed: 1);
        Assert.Equal(expected, pool.MaliciousCount);
        Assert.Equal(expected, Enumerable.Range(0, size).Count(pool.IsMalicious));
    }

    [Fact]
    public void Constructor_SameSeed_SameMaliciousSet_OtherSeed_Differs()
    {
        var a = new EvaluatorPool(100, 0.3, 5);
        var b = new EvaluatorPool(100, 0.3, 5);
        var c = new EvaluatorPool(100, 0.3, 6);
        var setA = Enumerable.Range(0, 100).Where(a.IsMalicious).ToArray();
        Assert.Equal(setA, Enumerable.Range(0, 100).Where(b.IsMalicious).ToArray());
        Assert.NotEqual(setA, Enumerable.Range(0, 100).Where(c.IsMalicious).ToArray());
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.1)]
    [InlineData(double.NaN)]
    public void Constructor_RatioOutsideUnitInterval_ErrorNamesRho(double ratio)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new EvaluatorPool(10, ratio, 1));
        Assert.Contains("malicious_ratio", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sample_KLargerThanPool_ErrorNamesK()
    {
        var pool = new EvaluatorPool(4, 0, 1);
        var random = new DeterministicRandom(1);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => pool.Sample(ref random, new int[5]));
        Assert.Contains("'k'", error.Message, StringComparison.Ordinal);
    }

    // Invariant: a sample has k distinct evaluators, all within the pool.
    [FsCheck.Xunit.Property(MaxTest = 500)]
    public Property Sample_AnyK_DistinctMembers() =>
        Prop.ForAll(Gen.Choose(1, 40).ToArbitrary(), Gen.Choose(1, 40).ToArbitrary(), ArbMap.Default.ArbFor<ulong>(), (size, kRaw, seed) =>
        {
            int k = 1 + (kRaw % size);
            var pool = new EvaluatorPool(size, 0.2, seed);
            var random = new DeterministicRandom(seed);
            var sampled = new int[k];
            pool.Sample(ref random, sampled);
            return sampled.Distinct().Count() == k && sampled.All(e => e >= 0 && e < size);
        });

    [Fact]
    public void Sample_ManyTasks_EveryEvaluatorEquallyLikely()
    {
        var pool = new EvaluatorPool(10, 0, 1);
        var random = new DeterministicRandom(2);
        var counts = new int[10];
        var sampled = new int[3];
        for (int i = 0; i < 30_000; i++)
        {
            pool.Sample(ref random, sampled);
            foreach (int e in sampled)
            {
                counts[e]++;
            }
        }

        // 90,000 draws over 10 evaluators: 9,000 each; ±5σ of a binomial(90,000, 0.1) ≈ ±450.
        Assert.All(counts, c => Assert.InRange(c, 8_550, 9_450));
    }
}

using FsCheck;
using FsCheck.Fluent;
using PoQ.Simulation.Randomness;

namespace PoQ.Simulation.Tests.Randomness;

public sealed class DeterministicRandomTests
{
    [Fact]
    public void NextUInt64_SameSeed_SameStream()
    {
        var a = new DeterministicRandom(7);
        var b = new DeterministicRandom(7);
        for (int i = 0; i < 1_000; i++)
        {
            Assert.Equal(a.NextUInt64(), b.NextUInt64());
        }
    }

    [Fact]
    public void NextUInt64_DifferentSeeds_DifferentStreams()
    {
        var a = new DeterministicRandom(7);
        var b = new DeterministicRandom(8);
        int equal = 0;
        for (int i = 0; i < 100; i++)
        {
            equal += a.NextUInt64() == b.NextUInt64() ? 1 : 0;
        }

        Assert.True(equal < 2);
    }

    [Fact]
    public void NextInt_ManyDraws_CoversRangeUniformly()
    {
        var random = new DeterministicRandom(11);
        var counts = new int[7];
        const int draws = 70_000;
        for (int i = 0; i < draws; i++)
        {
            counts[random.NextInt(7)]++;
        }

        // Each bucket expects 10,000; 5 standard deviations (≈ 463) is a generous, still meaningful bound.
        Assert.All(counts, c => Assert.InRange(c, 10_000 - 463, 10_000 + 463));
    }

    [Fact]
    public void NextGaussian_ManyDraws_HasUnitMomentsAroundZero()
    {
        var random = new DeterministicRandom(3);
        const int n = 100_000;
        double sum = 0;
        double squares = 0;
        for (int i = 0; i < n; i++)
        {
            double x = random.NextGaussian();
            sum += x;
            squares += x * x;
        }

        double mean = sum / n;
        Assert.InRange(mean, -0.02, 0.02);
        Assert.InRange((squares / n) - (mean * mean), 0.97, 1.03);
    }

    [Fact]
    public void NextInt_NonPositiveBound_Throws()
    {
        var random = new DeterministicRandom(1);
        Assert.Throws<ArgumentOutOfRangeException>(() => random.NextInt(0));
    }

    // Invariant: NextInt(n) ∈ [0, n) and NextDouble ∈ [0, 1) for any seed and bound.
    [FsCheck.Xunit.Property(MaxTest = 500)]
    public Property NextIntAndNextDouble_AnySeed_StayInRange() =>
        Prop.ForAll(ArbMap.Default.ArbFor<ulong>(), Gen.Choose(1, 1_000).ToArbitrary(), (seed, bound) =>
        {
            var random = new DeterministicRandom(seed);
            int value = random.NextInt(bound);
            double unit = random.NextDouble();
            return value >= 0 && value < bound && unit >= 0 && unit < 1;
        });

    [Fact]
    public void Derive_DifferentLabels_DifferentSeeds_SameLabel_SameSeed()
    {
        Assert.Equal(SplitMix64.Derive(42, "a"), SplitMix64.Derive(42, "a"));
        Assert.NotEqual(SplitMix64.Derive(42, "a"), SplitMix64.Derive(42, "b"));
        Assert.NotEqual(SplitMix64.Derive(42, "a"), SplitMix64.Derive(43, "a"));
    }

    [Fact]
    public void Derive_Indexed_DistinctPerIndexAndReproducible()
    {
        ulong parent = SplitMix64.Derive(42, "items");
        var children = Enumerable.Range(0, 10_000).Select(i => SplitMix64.Derive(parent, (ulong)i)).ToArray();
        // One independent stream per task: no two tasks may share a seed, and a seed must not depend on call order.
        Assert.Equal(children.Length, children.Distinct().Count());
        Assert.Equal(children[1234], SplitMix64.Derive(parent, 1234UL));
        Assert.NotEqual(children[0], SplitMix64.Derive(parent + 1, 0UL));
    }
}

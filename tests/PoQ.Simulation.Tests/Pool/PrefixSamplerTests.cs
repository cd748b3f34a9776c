using FsCheck;
using FsCheck.Fluent;
using PoQ.Simulation.Pool;
using PoQ.Simulation.Randomness;

namespace PoQ.Simulation.Tests.Pool;

public sealed class PrefixSamplerTests
{
    // Invariant: from the same stream, the sample of k' evaluators is the first k' of the sample of k ≥ k' — whatever
    // was sampled before — which is what lets runs at different k share their tasks' first evaluators.
    [FsCheck.Xunit.Property(MaxTest = 500)]
    public Property Sample_SmallerK_IsAPrefixOfTheLargerSample() =>
        Prop.ForAll(Gen.Choose(1, 40).ToArbitrary(), Gen.Choose(0, 1000).ToArbitrary(), ArbMap.Default.ArbFor<ulong>(), (size, raw, seed) =>
        {
            int large = 1 + (raw % size);
            int small = 1 + (raw / size % large);
            var sampler = new PrefixSampler(size);
            var warmUp = new DeterministicRandom(seed ^ 1);
            sampler.Sample(ref warmUp, new int[large]);
            var a = new DeterministicRandom(seed);
            var b = new DeterministicRandom(seed);
            var smallSample = new int[small];
            var largeSample = new int[large];
            sampler.Sample(ref a, smallSample);
            sampler.Sample(ref b, largeSample);
            return smallSample.SequenceEqual(largeSample.Take(small))
                && largeSample.Distinct().Count() == large
                && largeSample.All(e => e >= 0 && e < size);
        });

    [Fact]
    public void Sample_ManyTasks_EveryEvaluatorEquallyLikely()
    {
        var sampler = new PrefixSampler(10);
        var random = new DeterministicRandom(2);
        var counts = new int[10];
        var sampled = new int[3];
        for (int i = 0; i < 30_000; i++)
        {
            sampler.Sample(ref random, sampled);
            foreach (int e in sampled)
            {
                counts[e]++;
            }
        }

        // 90,000 draws over 10 evaluators: 9,000 each; ±5σ of a binomial(90,000, 0.1) ≈ ±450.
        Assert.All(counts, c => Assert.InRange(c, 8_550, 9_450));
    }

    [Fact]
    public void Sample_KLargerThanPool_ErrorNamesK()
    {
        var sampler = new PrefixSampler(4);
        var random = new DeterministicRandom(1);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => sampler.Sample(ref random, new int[5]));
        Assert.Contains("'k'", error.Message, StringComparison.Ordinal);
    }
}

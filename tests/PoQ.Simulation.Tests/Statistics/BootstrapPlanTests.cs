using FsCheck;
using FsCheck.Fluent;
using PoQ.Simulation.Statistics;

namespace PoQ.Simulation.Tests.Statistics;

public sealed class BootstrapPlanTests
{
    private static double[] Normal(int n, int seed)
    {
        var random = new PoQ.Simulation.Randomness.DeterministicRandom((ulong)seed);
        return [.. Enumerable.Range(0, n).Select(_ => random.NextGaussian())];
    }

    [Fact]
    public void Plan_SameSeedAndUnits_SameDraws_AndReplicateBDoesNotDependOnB()
    {
        var small = new BootstrapPlan(42, 50, 100);
        var large = new BootstrapPlan(42, 50, 300);
        for (int b = 0; b < small.Resamples; b++)
        {
            Assert.True(small.Draw(b).SequenceEqual(large.Draw(b)));
        }

        Assert.False(new BootstrapPlan(43, 50, 100).Draw(0).SequenceEqual(small.Draw(0)));
    }

    [Fact]
    public void Mean_ValueIsTheSampleMean_AndTheIntervalMatchesTheStandardError()
    {
        // n = 400 standard normals: the 95 % interval of the mean is about ± 1.96 / √400 = ± 0.098 wide on each side.
        var values = Normal(400, 3);
        var mean = new BootstrapPlan(42, values.Length, 2_000).Mean(values);
        Assert.Equal(values.Average(), mean.Value, 12);
        Assert.InRange(mean.Value, mean.Low, mean.High);
        Assert.InRange((mean.High - mean.Low) / 2, 0.08, 0.12);
    }

    [Fact]
    public void Mean_ConstantValues_DegenerateInterval()
    {
        var mean = new BootstrapPlan(1, 30, 200).Mean(Enumerable.Repeat(2.5, 30).ToArray());
        Assert.Equal((2.5, 2.5), (mean.Low, mean.High));
    }

    [FsCheck.Xunit.Property(MaxTest = 50)]
    public Property Difference_OfTwoRunsOnTheSameTasks_IsPaired() =>
        Prop.ForAll(Gen.Choose(5, 60).ToArbitrary(), Gen.Choose(-50, 50).ToArbitrary(), (n, shiftTenths) =>
        {
            // Run B is run A shifted by a constant: resampled with the same draws, every replicate of the difference is
            // the shift, so its interval has no width — unpaired intervals would both be wide.
            double shift = shiftTenths / 10.0;
            var a = Normal(n, n);
            var b = a.Select(x => x + shift).ToArray();
            var plan = new BootstrapPlan(7, n, 200);
            var difference = plan.Mean(b) - plan.Mean(a);
            return Math.Abs(difference.Low - shift) < 1e-9 && Math.Abs(difference.High - shift) < 1e-9;
        });

    [Fact]
    public void Ratio_IsSumOverSum()
    {
        var ratio = new BootstrapPlan(5, 3, 100).Ratio([2, 4, 6], [1, 2, 1]);
        Assert.Equal(12.0 / 4, ratio.Value, 12);
        Assert.True(ratio.Low <= ratio.Value && ratio.Value <= ratio.High, $"{ratio.Low} ≤ {ratio.Value} ≤ {ratio.High}");
    }

    [Fact]
    public void Stratified_OverallAndPerStratumMeans_AgreeWithThePlainPlan()
    {
        double[] values = [1, 2, 3, 10, 20, 30, 40];
        int[] stratum = [0, 0, 0, 1, 1, 1, 1];
        var plan = new BootstrapPlan(9, values.Length, 300);
        var (all, byStratum) = new StratifiedBootstrap(plan, stratum, 2).Means(values);
        Assert.Equal(values.Average(), all.Value, 12);
        Assert.Equal(2.0, byStratum[0].Value, 12);
        Assert.Equal(25.0, byStratum[1].Value, 12);
        var plain = plan.Mean(values).Replicates.ToArray();
        Assert.All(Enumerable.Range(0, plain.Length), b => Assert.Equal(plain[b], all.Replicates[b], 12));
        Assert.InRange(byStratum[1].Low, 10, 40);
    }

    [Fact]
    public void Stratified_StratumNeverDrawn_IsUndefined()
    {
        var (_, byStratum) = new StratifiedBootstrap(new BootstrapPlan(9, 4, 100), [0, 0, 0, 0], 2).Means([1, 2, 3, 4]);
        Assert.True(double.IsNaN(byStratum[1].Value));
        Assert.True(double.IsNaN(byStratum[1].Low));
    }

    [Fact]
    public void Plan_ValuesOfAnotherLength_RejectedNamingBoth()
    {
        var error = Assert.Throws<ArgumentException>(() => new BootstrapPlan(1, 5, 100).Mean([1, 2, 3]));
        Assert.Contains("5 units", error.Message, StringComparison.Ordinal);
        Assert.Contains("3", error.Message, StringComparison.Ordinal);
    }
}

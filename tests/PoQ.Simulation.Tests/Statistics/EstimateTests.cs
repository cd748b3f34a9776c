using PoQ.Simulation.Statistics;

namespace PoQ.Simulation.Tests.Statistics;

public sealed class EstimateTests
{
    [Fact]
    public void Interval_IsTheTwoAndAHalfAndNinetySevenAndAHalfPercentile()
    {
        // Replicates 0…1000 (shuffled): type-7 quantiles at 0.025 and 0.975 are 25 and 975.
        var replicates = Enumerable.Range(0, 1001).Select(i => (double)((i * 7919) % 1001)).ToArray();
        var estimate = new Estimate(500, replicates);
        Assert.Equal(25.0, estimate.Low, 9);
        Assert.Equal(975.0, estimate.High, 9);
    }

    [Fact]
    public void Interval_ResamplingInflatesTheStatistic_ShiftedBackByTheBias()
    {
        // The figure is 0 but every replicate lies in [10, 20] (mean 15): the percentile interval [10.25, 19.75] would
        // exclude the figure; shifted by the bias 15 it is [−4.75, 4.75].
        var estimate = new Estimate(0, [.. Enumerable.Range(0, 401).Select(i => 10 + (i / 40.0))]);
        Assert.Equal(-4.75, estimate.Low, 9);
        Assert.Equal(4.75, estimate.High, 9);
    }

    [Fact]
    public void Interval_UndefinedReplicate_UndefinedInterval()
    {
        var estimate = new Estimate(1, [1, 2, double.NaN, 3]);
        Assert.True(double.IsNaN(estimate.Low));
        Assert.True(double.IsNaN(estimate.High));
    }

    [Fact]
    public void Relative_IsComputedReplicateByReplicate()
    {
        var reference = new Estimate(2, [1, 2, 4]);
        var value = new Estimate(3, [2, 3, 5]);
        var relative = Estimate.Relative(value, reference);
        Assert.Equal(0.5, relative.Value, 12);
        Assert.Equal([1.0, 0.5, 0.25], relative.Replicates.ToArray());
    }

    [Fact]
    public void Combine_AcrossMany_AppliesToEachReplicate()
    {
        var spread = Estimate.Combine([new Estimate(1, [1, 2]), new Estimate(5, [4, 3]), new Estimate(3, [0, 9])], v => v.Max() - v.Min());
        Assert.Equal(4.0, spread.Value);
        Assert.Equal([4.0, 7.0], spread.Replicates.ToArray());
    }

    [Fact]
    public void Combine_EstimatesOfDifferentPlans_Rejected() =>
        Assert.Throws<ArgumentException>(() => new Estimate(1, [1, 2]) - new Estimate(1, [1, 2, 3]));
}

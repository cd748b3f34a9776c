using PoQ.Simulation.Statistics;

namespace PoQ.Simulation.Tests.Statistics;

public sealed class CorrelationTests
{
    [Fact]
    public void Pearson_PerfectLinear_IsOne_Reversed_IsMinusOne()
    {
        double[] x = [1, 2, 3, 4];
        Assert.Equal(1.0, Correlation.Pearson(x, [3, 5, 7, 9]), 12);
        Assert.Equal(-1.0, Correlation.Pearson(x, [8, 6, 4, 2]), 12);
    }

    [Fact]
    public void Pearson_HandComputed()
    {
        // x̄ = 2, ȳ = 3; Σdxdy = (−1)(−2) + 0·1 + 1·1 = 3; Σdx² = 2; Σdy² = 4+1+1 = 6 → r = 3/√12.
        Assert.Equal(3 / Math.Sqrt(12), Correlation.Pearson([1, 2, 3], [1, 4, 4]), 12);
    }

    [Fact]
    public void Pearson_ConstantInput_IsNaN() => Assert.True(double.IsNaN(Correlation.Pearson([1, 1, 1], [1, 2, 3])));

    [Fact]
    public void Spearman_MonotoneNonLinear_IsOne() => Assert.Equal(1.0, Correlation.Spearman([1, 2, 3, 4], [1, 8, 27, 64]), 12);

    [Fact]
    public void Ranks_Ties_ShareAverageRank() => Assert.Equal([1.0, 2.5, 2.5, 4.0], Correlation.Ranks([1, 5, 5, 9]));

    [Fact]
    public void RunningMoments_MatchesTwoPassFormulas()
    {
        double[] values = [2, 4, 4, 4, 5, 5, 7, 9];
        var moments = default(RunningMoments);
        foreach (double v in values)
        {
            moments.Add(v);
        }

        Assert.Equal(5.0, moments.Mean, 12);
        Assert.Equal(2.0, moments.StandardDeviation, 12);
        Assert.Equal(40.0, moments.Sum);
    }
}

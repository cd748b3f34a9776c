using PoQ.Consensus.Kernels;

namespace PoQ.Consensus.Tests.Kernels;

public class AggregatesTests
{
    private static int[] Order(double[] scores, double[]? weights = null)
    {
        var order = new int[scores.Length];
        SortedScores.Permutation(scores, weights ?? [], order);
        return order;
    }

    [Fact]
    public void Mean_ThreeScores_IsSumOverCount()
    {
        double[] scores = [2, 4, 9];
        // (2 + 4 + 9) / 3 = 5.
        Assert.Equal(5.0, Aggregates.Mean(scores, Order(scores)), 1e-12);
    }

    [Fact]
    public void Median_OddCount_IsMiddleScore()
    {
        double[] scores = [7, 1, 4];
        Assert.Equal(4.0, Aggregates.Median(scores, Order(scores)));
    }

    [Fact]
    public void Median_EvenCount_IsAverageOfMiddleTwo()
    {
        double[] scores = [1, 9, 3, 5];
        // Sorted 1, 3, 5, 9: (3 + 5) / 2 = 4.
        Assert.Equal(4.0, Aggregates.Median(scores, Order(scores)));
    }

    [Fact]
    public void TrimmedMean_OnePerSide_AveragesTheMiddle()
    {
        double[] scores = [10, 0, 6, 2, 4];
        // Sorted 0, 2, 4, 6, 10; drop 0 and 10: (2 + 4 + 6) / 3 = 4.
        Assert.Equal(4.0, Aggregates.TrimmedMean(scores, Order(scores), 1), 1e-12);
    }

    [Fact]
    public void TrimmedMean_TrimmingEverything_IsNaN()
    {
        double[] scores = [1, 2];
        Assert.True(double.IsNaN(Aggregates.TrimmedMean(scores, Order(scores), 1)));
    }

    [Fact]
    public void WeightedMean_UnequalWeights_IsWeightedSumOverTotalWeight()
    {
        double[] scores = [8, 2, 6];
        double[] weights = [2, 1, 0.5];
        // (2·8 + 1·2 + 0.5·6) / 3.5 = 21 / 3.5 = 6.
        Assert.Equal(6.0, Aggregates.WeightedMean(scores, weights, Order(scores, weights)), 1e-12);
    }

    [Fact]
    public void WeightedMedian_HeavyTop_IsTopScore()
    {
        double[] scores = [1, 5, 9];
        double[] weights = [1, 1, 3];
        // Total 5, half 2.5; cumulative 1, 2, 5: first above half is at 9.
        Assert.Equal(9.0, Aggregates.WeightedMedian(scores, weights, Order(scores, weights)));
    }

    [Fact]
    public void WeightedMedian_HeavyBottom_IsBottomScore()
    {
        double[] scores = [1, 5, 9];
        double[] weights = [3, 1, 1];
        // Total 5, half 2.5; cumulative 3 > 2.5 already at 1.
        Assert.Equal(1.0, Aggregates.WeightedMedian(scores, weights, Order(scores, weights)));
    }

    [Fact]
    public void WeightedMedian_CumulativeExactlyHalf_AveragesWithNext()
    {
        double[] scores = [2, 4, 6];
        double[] weights = [2, 1, 1];
        // Total 4, half 2; cumulative reaches exactly 2 at score 2, so (2 + 4) / 2 = 3.
        Assert.Equal(3.0, Aggregates.WeightedMedian(scores, weights, Order(scores, weights)));
    }

    [Fact]
    public void WeightedMedian_EqualWeightsEvenCount_IsOrdinaryMedian()
    {
        double[] scores = [8, 2, 6, 4];
        double[] weights = [1, 1, 1, 1];
        // Cumulative 2 = half at score 4: (4 + 6) / 2 = 5, the even-k median.
        Assert.Equal(5.0, Aggregates.WeightedMedian(scores, weights, Order(scores, weights)));
    }

    [Fact]
    public void AllKernels_NoScores_AreNaN()
    {
        Assert.True(double.IsNaN(Aggregates.Mean([], [])));
        Assert.True(double.IsNaN(Aggregates.Median([], [])));
        Assert.True(double.IsNaN(Aggregates.TrimmedMean([], [], 0)));
        Assert.True(double.IsNaN(Aggregates.WeightedMean([], [], [])));
        Assert.True(double.IsNaN(Aggregates.WeightedMedian([], [], [])));
    }

    [Fact]
    public void WeightedKernels_ZeroTotalWeight_AreTheUnweightedKernels()
    {
        double[] scores = [3, 7, 8];
        double[] weights = [0, 0, 0];
        int[] order = Order(scores, weights);
        // Σw = 0 leaves Σwₑsₑ / Σwₑ undefined (0/0); equal weights, however small, give the unweighted value.
        double weightedMean = Aggregates.WeightedMean(scores, weights, order);
        double weightedMedian = Aggregates.WeightedMedian(scores, weights, order);
        Assert.Equal(BitConverter.DoubleToInt64Bits(Aggregates.Mean(scores, order)), BitConverter.DoubleToInt64Bits(weightedMean));
        Assert.Equal(BitConverter.DoubleToInt64Bits(Aggregates.Median(scores, order)), BitConverter.DoubleToInt64Bits(weightedMedian));
    }
}

using PoQ.Consensus.Kernels;

namespace PoQ.Consensus.Tests.Kernels;

public class SortedScoresTests
{
    [Fact]
    public void Permutation_DistinctScores_SortsAscending()
    {
        double[] scores = [7, 1, 4, 9];
        var order = new int[4];
        SortedScores.Permutation(scores, [], order);
        Assert.Equal([1, 2, 0, 3], order);
    }

    [Fact]
    public void Permutation_TiedScoresUnweighted_KeepsIndexOrder()
    {
        double[] scores = [5, 5, 2, 5];
        var order = new int[4];
        SortedScores.Permutation(scores, [], order);
        Assert.Equal([2, 0, 1, 3], order);
    }

    [Fact]
    public void Permutation_TiedScoresWeighted_BreaksTiesByWeightThenIndex()
    {
        double[] scores = [5, 5, 5, 1];
        double[] weights = [2, 1, 2, 9];
        var order = new int[4];
        SortedScores.Permutation(scores, weights, order);
        Assert.Equal([3, 1, 0, 2], order);
    }

    [Fact]
    public void Permutation_WrongOrderLength_Throws() =>
        Assert.Throws<ArgumentException>(() => SortedScores.Permutation([1, 2], [], new int[3]));
}

using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PoQ.Consensus.Kernels;
using PoQ.Consensus.Tests.TestSupport;

namespace PoQ.Consensus.Tests.Kernels;

public class StakeMajorityTests
{
    private static double Consensus(double[] scores, double[] stakes, double kappa = 0.5)
    {
        var order = new int[scores.Length];
        SortedScores.Permutation(scores, stakes, order);
        return StakeMajority.Consensus(scores, stakes, order, kappa);
    }

    [Fact]
    public void Consensus_MinorityAtTheTop_CannotLiftIt()
    {
        // Stakes 0.5, 1.5, 1, 1 (total 4, κ·total = 2) on 4, 6, 7, 10. Stake at or above 10: 1 < 2; at or above 7: 2 ≥ 2.
        Assert.Equal(7.0, Consensus([4, 6, 7, 10], [0.5, 1.5, 1, 1]));
    }

    [Fact]
    public void Consensus_StakeSplitExactlyInHalf_IsTheUpperScore()
    {
        // Stakes 1, 1 on 4, 8: stake at or above 8 is 1 = κ·2, so 8 (subtensor's pivot search keeps the upper score,
        // where the trust-weighted median would average to 6).
        Assert.Equal(8.0, Consensus([4, 8], [1, 1]));
    }

    [Fact]
    public void Consensus_HeavyEvaluator_DecidesAlone()
    {
        // Stakes 3, 1, 1 on 2, 5, 9: at or above 9: 1; at or above 5: 2 < 2.5; at or above 2: 5 ≥ 2.5.
        Assert.Equal(2.0, Consensus([2, 5, 9], [3, 1, 1]));
    }

    [Theory]
    // κ = 0.2 of total 4 is 0.8: the top score's stake 1 already reaches it. κ = 1 needs everyone: the lowest score.
    [InlineData(0.2, 10.0)]
    [InlineData(1.0, 4.0)]
    public void Consensus_Kappa_MovesTheQuantile(double kappa, double expected) =>
        Assert.Equal(expected, Consensus([4, 6, 7, 10], [0.5, 1.5, 1, 1], kappa));

    [Fact]
    public void Consensus_ZeroStakeOnTop_IsIgnored()
    {
        // The evaluator at 10 holds no stake. Total 2, κ·2 = 1: at or above 10: 0 < 1; at or above 5: 1 ≥ 1.
        Assert.Equal(5.0, Consensus([3, 5, 10], [1, 1, 0]));
    }

    [Fact]
    public void Consensus_AllStakesZero_CountsEveryScoreEqually() =>
        // Equal stakes on 3, 5, 10: at or above 10: 1 < 1.5; at or above 5: 2 ≥ 1.5.
        Assert.Equal(5.0, Consensus([3, 5, 10], [0, 0, 0]));

    [Fact]
    public void Consensus_NoScores_IsNaN() => Assert.True(double.IsNaN(Consensus([], [])));

    [Property(MaxTest = 2000)]
    public Property Consensus_Always_IsOneOfTheScores() =>
        Prop.ForAll(Generators.ScoresWithTrust.ToArbitrary(), c =>
        {
            // Invariant: C is a quantile, never an interpolation, so it is one of the scores (hence within [min, max]).
            double[] stakes = [.. c.Trust.Select(t => t.Weight)];
            return c.Scores.Contains(Consensus(c.Scores, stakes));
        });
}

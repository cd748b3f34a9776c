using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PoQ.Consensus.Kernels;
using PoQ.Consensus.Tests.TestSupport;

namespace PoQ.Consensus.Tests.Kernels;

public class ClippedScoresTests
{
    private static int[] Order(double[] scores, double[] stakes)
    {
        var order = new int[scores.Length];
        SortedScores.Permutation(scores, stakes, order);
        return order;
    }

    [Fact]
    public void StakeWeightedMean_ScoresAboveTheClip_EnterAtTheClip()
    {
        // Stakes 0.5, 1.5, 1, 1 on 4, 6, 7, 10 clipped at 7: (0.5·4 + 1.5·6 + 7 + 7) / 4 = 25 / 4 = 6.25.
        double[] scores = [4, 6, 7, 10];
        double[] stakes = [0.5, 1.5, 1, 1];
        Assert.Equal(6.25, ClippedScores.StakeWeightedMean(scores, stakes, Order(scores, stakes), 7), 1e-12);
    }

    [Fact]
    public void BondTargets_HandExample_AreStakeNormalisedClippedShares()
    {
        // Clipped 4, 6, 7, 7 with stakes 0.5, 1.5, 1, 1: ΣS·W̄ = 2 + 9 + 7 + 7 = 25, ΣS = 4.
        // Tᵢ = ΣS · Sᵢ·W̄ᵢ / 25: 4·2/25 = 0.32, 4·9/25 = 1.44, 4·7/25 = 1.12, 1.12 (sum 4 = ΣS).
        double[] scores = [4, 6, 7, 10];
        double[] stakes = [0.5, 1.5, 1, 1];
        var targets = new double[4];
        ClippedScores.BondTargets(scores, stakes, Order(scores, stakes), 7, targets);
        Assert.Equal([0.32, 1.44, 1.12, 1.12], targets, (a, b) => Math.Abs(a - b) < 1e-12);
    }

    [Fact]
    public void BondTargets_EveryClippedScoreZero_KeepsTheStakes()
    {
        // Clip 0: every W̄ is 0, the share 0/0; Yuma's re-normalised bonds stay as they were, so Tᵢ = Sᵢ.
        double[] scores = [0, 0, 3];
        double[] stakes = [1, 2, 0.5];
        var targets = new double[3];
        ClippedScores.BondTargets(scores, stakes, Order(scores, stakes), 0, targets);
        Assert.Equal(stakes, targets);
    }

    [Property(MaxTest = 2000)]
    public Property Clip_Always_NeverRaisesAScore() =>
        Prop.ForAll(Generators.Score.Zip(Generators.Score).ToArbitrary(), c =>
        {
            (double score, double clip) = c;
            // Invariant: min(s, C) ≤ s, and a score at or below C is left as it is.
            double clipped = ClippedScores.Clip(score, clip);
            return clipped <= score && (score > clip || clipped.Equals(score));
        });

    [Property(MaxTest = 2000)]
    public Property StakeWeightedMean_AnyClip_NotAboveTheUnclippedWeightedMean() =>
        Prop.ForAll(Generators.ScoresWithTrust.Zip(Generators.Score).ToArbitrary(), c =>
        {
            ((double[] scores, var trust), double clip) = c;
            double[] stakes = [.. trust.Select(t => t.Weight)];
            int[] order = Order(scores, stakes);
            // Invariant: every term Sᵢ·min(sᵢ, C) ≤ Sᵢ·sᵢ and the sums run in the same order, so clipping can only
            // lower the stake-weighted mean (rounding is monotone, so this holds exactly).
            return ClippedScores.StakeWeightedMean(scores, stakes, order, clip) <= Aggregates.WeightedMean(scores, stakes, order);
        });

    [Property(MaxTest = 2000)]
    public Property BondTargets_Always_RedistributeTheTotalStake() =>
        Prop.ForAll(Generators.ScoresWithTrust.ToArbitrary(), c =>
        {
            double[] stakes = [.. c.Trust.Select(t => t.Weight)];
            int[] order = Order(c.Scores, stakes);
            var targets = new double[stakes.Length];
            ClippedScores.BondTargets(c.Scores, stakes, order, StakeMajority.Consensus(c.Scores, stakes, order, 0.5), targets);
            // Invariant: Σ Tᵢ = Σ Sᵢ (Yuma's bond column sums to 1 before and after), every target finite and ≥ 0.
            return (Math.Abs(targets.Sum() - stakes.Sum()) <= 1e-9 * stakes.Sum() && targets.All(t => double.IsFinite(t) && t >= 0))
                .Label($"Σ T = {targets.Sum():R}, Σ S = {stakes.Sum():R}");
        });
}

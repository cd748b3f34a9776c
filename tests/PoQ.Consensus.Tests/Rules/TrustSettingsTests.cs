using PoQ.Consensus.Rules;
using PoQ.Consensus.Trust;

namespace PoQ.Consensus.Tests.Rules;

public class TrustSettingsTests
{
    private static readonly TrustSettings Paper = new(new TrustParameters(), Pivot: 0.5, PriorStrength: 0, MeasureFromMedian: false);
    private static readonly TrustSettings WithPrior = new(new TrustParameters { InitialWeight = 1 }, Pivot: 0.15, PriorStrength: 4, MeasureFromMedian: true);

    [Fact]
    public void WeightInForce_NoPrior_IsStoredWeight() =>
        Assert.Equal(2.5, Paper.WeightInForce(new TrustEntry(2.5, 0)));

    [Fact]
    public void WeightInForce_NoHistory_IsInitialWeight() =>
        // (0·3 + 4·1)/(0 + 4) = 1.
        Assert.Equal(1.0, WithPrior.WeightInForce(new TrustEntry(3, 0)), 1e-12);

    [Fact]
    public void WeightInForce_WithHistory_IsConvexCombination() =>
        // (12·3 + 4·1)/(12 + 4) = 40/16 = 2.5.
        Assert.Equal(2.5, WithPrior.WeightInForce(new TrustEntry(3, 12)), 1e-12);

    [Fact]
    public void Evolve_Always_CountsAnObservation()
    {
        var after = Paper.Evolve(new TrustEntry(1, 7), 0.5);
        // d = pivot leaves w unchanged.
        Assert.Equal(new TrustEntry(1, 8), after);
    }

    [Fact]
    public void Evolve_BondEma_MovesTheWeightTowardsTheSignal()
    {
        // Yuma's bond EMA reads the signal as the bond target: 0.1·1 + 0.9·2 = 1.9 (Eq. 21 with d = 1 would give 1.8).
        var yuma = Paper with { BondEmaAlpha = 0.1 };
        var after = yuma.Evolve(new TrustEntry(2, 3), 1);
        Assert.Equal(1.9, after.Weight, 1e-12);
        Assert.Equal(4, after.Observations);
    }
}

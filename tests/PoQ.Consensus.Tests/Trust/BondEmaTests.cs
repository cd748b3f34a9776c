using PoQ.Consensus.Trust;

namespace PoQ.Consensus.Tests.Trust;

public class BondEmaTests
{
    private static readonly TrustParameters Defaults = new();

    [Theory]
    // α·T + (1 − α)·w by hand, α = 0.1.
    [InlineData(1.0, 1.0, 1.0)] // at its target a bond stays
    [InlineData(0.5, 0.32, 0.482)] // 0.032 + 0.45
    [InlineData(1.5, 1.44, 1.494)] // 0.144 + 1.35
    [InlineData(2.0, 0.0, 1.8)] // no share: decays by 10 %
    public void Next_YumaAlpha_IsTheEma(double weight, double target, double expected) =>
        Assert.Equal(expected, BondEma.Next(weight, target, 0.1, Defaults), 1e-12);

    [Fact]
    public void Next_AboveMax_ClipsToMax() =>
        // 0.1·10 + 0.9·3 = 3.7 > w_max = 3.
        Assert.Equal(3.0, BondEma.Next(3, 10, 0.1, Defaults));

    [Fact]
    public void Next_BelowMin_ClipsToMin() =>
        // 0.1·0 + 0.9·0.1 = 0.09 < w_min = 0.1.
        Assert.Equal(0.1, BondEma.Next(0.1, 0, 0.1, Defaults));

    [Fact]
    public void Next_AlphaOne_JumpsToTheTarget() => Assert.Equal(2.5, BondEma.Next(1, 2.5, 1, Defaults));
}

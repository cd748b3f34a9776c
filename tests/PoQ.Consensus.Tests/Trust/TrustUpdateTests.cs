using PoQ.Consensus.Trust;

namespace PoQ.Consensus.Tests.Trust;

public class TrustUpdateTests
{
    private static readonly TrustParameters Defaults = new();

    [Theory]
    // Eq. 21 by hand, λ = 0.2, pivot 0.5: w·(1 + 0.2·(0.5 − d)).
    [InlineData(1.0, 0.0, 1.1)]
    [InlineData(1.0, 0.5, 1.0)]
    [InlineData(1.0, 1.0, 0.9)]
    [InlineData(2.0, 0.25, 2.1)]
    [InlineData(0.5, 0.75, 0.475)]
    public void Next_PaperPivot_IsEq21(double weight, double deviation, double expected) =>
        Assert.Equal(expected, TrustUpdate.Next(weight, deviation, 0.5, Defaults), 1e-12);

    [Fact]
    public void Next_AboveMax_ClipsToMax() => Assert.Equal(3.0, TrustUpdate.Next(2.8, 0, 0.5, Defaults));

    [Fact]
    public void Next_BelowMin_ClipsToMin() => Assert.Equal(0.1, TrustUpdate.Next(0.105, 1, 0.5, Defaults));

    [Fact]
    public void Next_LowerPivot_PenalizesModestDeviation() =>
        // 1·(1 + 0.2·(0.15 − 0.3)) = 0.97.
        Assert.Equal(0.97, TrustUpdate.Next(1, 0.3, 0.15, Defaults), 1e-12);
}

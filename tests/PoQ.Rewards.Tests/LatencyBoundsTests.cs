namespace PoQ.Rewards.Tests;

public class LatencyBoundsTests
{
    private static readonly LatencyBounds Bounds = new(100, 1_100);

    [Theory]
    // (latency − 100) / 1000, clamped to [0, 1].
    [InlineData(100, 0.0)]
    [InlineData(600, 0.5)]
    [InlineData(1_100, 1.0)]
    [InlineData(350, 0.25)]
    [InlineData(50, 0.0)]
    [InlineData(0, 0.0)]
    [InlineData(5_000, 1.0)]
    public void Normalize_AnyLatency_IsClampedLinearFraction(double latency, double expected) =>
        Assert.Equal(expected, Bounds.Normalize(latency), 1e-12);

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Normalize_InvalidLatency_Throws(double latency) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Bounds.Normalize(latency));

    [Fact]
    public void Problems_ValidBounds_AreEmpty() => Assert.Empty(Bounds.Problems("inference"));

    [Fact]
    public void Problems_NegativeMin_NamesPrefixedMin() =>
        Assert.Contains("'inference_min_ms'", Assert.Single(new LatencyBounds(-5, 100).Problems("inference")), StringComparison.Ordinal);

    [Theory]
    [InlineData(100.0)]
    [InlineData(50.0)]
    [InlineData(double.NaN)]
    public void Problems_MaxNotAboveMin_NamesPrefixedMax(double max) =>
        Assert.Contains("'evaluator_max_ms'", Assert.Single(new LatencyBounds(100, max).Problems("evaluator")), StringComparison.Ordinal);
}

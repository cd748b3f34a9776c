using PoQ.Experiments.Reliability;

namespace PoQ.Experiments.Tests;

public class CorrelationInversionTests
{
    [Theory]
    [InlineData(0.7, -0.2, true)] // opposite signs, both |r| ≥ 0.1
    [InlineData(-0.1, 0.1, true)] // exactly at the floor on both sides counts (≥)
    [InlineData(0.9, 0.2, false)] // same sign: a drop, not an inversion
    [InlineData(0.7, -0.05, false)] // one side below the floor
    [InlineData(-0.09, 0.5, false)] // the other side below the floor
    [InlineData(0.0, -0.5, false)] // zero has no sign
    [InlineData(double.NaN, -0.5, false)] // an unmeasured correlation cannot invert
    public void Between_SignChangeWithBothSidesAtLeastTheFloor(double first, double second, bool expected)
    {
        Assert.Equal(expected, CorrelationInversion.Between(first, second));
        Assert.Equal(expected, CorrelationInversion.Between(second, first));
    }

    [Theory]
    [InlineData(0.5, 0.05, -0.3, 0.05, true)] // [0.45, 0.55] vs [−0.35, −0.25]: both clear ±0.1
    [InlineData(0.5, 0.05, -0.15, 0.1, false)] // the second reaches −0.055: its edge does not clear −0.1
    [InlineData(0.12, 0.05, -0.5, 0.05, false)] // the first reaches 0.07: below +0.1 at its lower edge
    [InlineData(0.5, 0.05, 0.3, 0.05, false)] // same sign
    public void Between_Estimates_JudgedAtTheIntervalEdges(double first, double firstHalf, double second, double secondHalf, bool expected)
    {
        var a = TestData.Est(first, firstHalf);
        var b = TestData.Est(second, secondHalf);
        Assert.Equal(expected, CorrelationInversion.Between(a, b));
        Assert.Equal(expected, CorrelationInversion.Between(b, a));
    }
}

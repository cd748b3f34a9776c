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
}

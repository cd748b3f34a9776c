using FsCheck.Xunit;
using PoQ.Evaluators.Metrics;

namespace PoQ.Evaluators.Tests.Metrics;

public class LengthRatioTests
{
    [Theory]
    [InlineData("a b", "a b c d", 5.0)]
    [InlineData("a b c d", "a b", 5.0)]
    [InlineData("x y z", "a b c", 10.0)]
    [InlineData("", "", 10.0)]
    [InlineData("", "a", 0.0)]
    [InlineData("<t> one two </t> <t> three </t>", "one two three four five six", 5.0)]
    public void Score_IsTenTimesMinRatio(string candidate, string reference, double expected) =>
        Assert.Equal(expected, LengthRatio.Score(candidate, reference), 12);

    // Invariants: symmetric and within [0,10].
    [Property]
    public bool Score_IsSymmetricAndBounded(byte c, byte r)
    {
        var cand = string.Join(' ', Enumerable.Repeat("w", c));
        var refr = string.Join(' ', Enumerable.Repeat("w", r));
        var s = LengthRatio.Score(cand, refr);
        return s is >= 0 and <= 10 && s == LengthRatio.Score(refr, cand);
    }
}

using FsCheck.Xunit;
using PoQ.Settlement.Escalation;

namespace PoQ.Settlement.Tests.Escalation;

/// <summary>The robust dispersion that decides an escalation.</summary>
public sealed class EscalationPolicyTests
{
    [Theory]
    [InlineData(new[] { 5.0, 5.0, 5.0, 5.0, 5.0 }, 0.0)]
    [InlineData(new[] { 1.0, 2.0, 3.0, 4.0, 5.0 }, 1.0)]
    [InlineData(new[] { 5.0, 5.0, 5.0, 10.0, 0.0 }, 0.0)] // two outliers of five do not move the MAD
    [InlineData(new[] { 2.0, 8.0 }, 3.0)]
    public void Dispersion_IsTheMedianAbsoluteDeviation(double[] scores, double expected) =>
        Assert.Equal(expected, EscalationPolicy.Dispersion(scores), 12);

    [Property(MaxTest = 300)]
    public bool Dispersion_IgnoresOrderAndShift(int seed, byte count)
    {
        var random = new Random(seed);
        var scores = Enumerable.Range(0, 2 + (count % 12)).Select(_ => Math.Round(random.NextDouble() * 8, 2)).ToArray();
        var shuffled = scores.ToArray();
        random.Shuffle(shuffled);
        double shift = Math.Round(random.NextDouble() * 2, 2);

        return EscalationPolicy.Dispersion(scores) == EscalationPolicy.Dispersion(shuffled)
            && Math.Abs(EscalationPolicy.Dispersion(scores) - EscalationPolicy.Dispersion([.. scores.Select(s => s + shift)])) < 1e-9;
    }

    [Fact]
    public void ShouldEscalate_AboveTheThreshold_WithTwoOrMoreScores()
    {
        var policy = new EscalationPolicy(Threshold: 1.0, Extra: 3);

        Assert.True(policy.ShouldEscalate([1, 2, 5, 8, 9]));
        Assert.False(policy.ShouldEscalate([5, 5.5, 6, 6.5, 9.5]));
        Assert.False(policy.ShouldEscalate([9]));
        Assert.Empty(policy.Problems());
        Assert.Equal(2, new EscalationPolicy(double.NaN, 0).Problems().Count);
    }
}

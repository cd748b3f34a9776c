using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PoQ.Consensus.Kernels;

namespace PoQ.Consensus.Tests.Kernels;

public class TrimCountTests
{
    [Theory]
    // g = ⌊τk⌋ by hand.
    [InlineData(0.2, 3, 0)]
    [InlineData(0.2, 5, 1)]
    [InlineData(0.2, 9, 1)]
    [InlineData(0.2, 10, 2)]
    [InlineData(0.25, 4, 1)]
    [InlineData(0.1, 15, 1)]
    [InlineData(0.0, 7, 0)]
    [InlineData(0.45, 3, 1)]
    public void PerSide_Floor_IsFloorOfTauTimesK(double tau, int k, int expected) =>
        Assert.Equal(expected, TrimCount.PerSide(tau, k, TrimRounding.Floor));

    [Fact]
    public void PerSide_FloorAtKThree_TrimsNothing() =>
        // The design brief's case: ⌊0.2·3⌋ = ⌊0.6⌋ = 0, so the floor rule makes trimmed = mean at k = 3.
        Assert.Equal(0, TrimCount.PerSide(0.2, 3, TrimRounding.Floor));

    [Theory]
    [InlineData(0.2, 3, 1)]
    [InlineData(0.0, 3, 1)]
    [InlineData(0.2, 5, 1)]
    [InlineData(0.2, 10, 2)]
    // k = 1 and k = 2: trimming one per side would leave nothing, so nothing is trimmed.
    [InlineData(0.2, 1, 0)]
    [InlineData(0.2, 2, 0)]
    public void PerSide_AtLeastOne_TrimsOneWhenThatLeavesAScore(double tau, int k, int expected) =>
        Assert.Equal(expected, TrimCount.PerSide(tau, k, TrimRounding.AtLeastOne));

    [Theory]
    [InlineData(TrimRounding.Floor)]
    [InlineData(TrimRounding.AtLeastOne)]
    public void PerSide_NoScores_IsZero(TrimRounding rounding) =>
        Assert.Equal(0, TrimCount.PerSide(0.2, 0, rounding));

    [Property(MaxTest = 1000)]
    public Property PerSide_AnyTauAndK_LeavesAtLeastOneScore()
    {
        var cases = Gen.Choose(0, 4999).Select(t => t / 10_000.0)
            .Zip(Gen.Choose(1, 1000))
            .Zip(Gen.Elements(TrimRounding.Floor, TrimRounding.AtLeastOne))
            .ToArbitrary();
        return Prop.ForAll(cases, c =>
        {
            ((double tau, int k), TrimRounding rounding) = c;
            int g = TrimCount.PerSide(tau, k, rounding);
            // Invariant: 0 ≤ g and k − 2g ≥ 1 — the trimmed mean always has a score left to average.
            bool leavesOne = g >= 0 && k - (2 * g) >= 1;
            // Invariant: g never exceeds what τ asks for, except the at-least-one minimum of 1.
            bool notMoreThanAsked = g <= Math.Max(rounding == TrimRounding.AtLeastOne ? 1 : 0, (int)Math.Floor((tau * k) + 1e-9));
            // Invariant: at-least-one trims one per side whenever k ≥ 3 (the point of the option).
            bool atLeastOne = rounding != TrimRounding.AtLeastOne || k < 3 || g >= 1;
            return leavesOne && notMoreThanAsked && atLeastOne;
        });
    }
}

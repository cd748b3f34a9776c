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
            // Invariant: g never exceeds what τ asks for, except the at-least-one minimum of 1. τ = t / 10⁴ exactly,
            // so ⌊τk⌋ = ⌊t·k / 10⁴⌋ in integers.
            int asked = (int)(Math.Round(tau * 10_000) * k / 10_000);
            bool notMoreThanAsked = g <= Math.Max(rounding == TrimRounding.AtLeastOne ? 1 : 0, asked);
            // Invariant: at-least-one trims one per side whenever k ≥ 3 (the point of the option).
            bool atLeastOne = rounding != TrimRounding.AtLeastOne || k < 3 || g >= 1;
            return leavesOne && notMoreThanAsked && atLeastOne;
        });
    }

    [Theory]
    // τ·k lands 5·10⁻¹⁰ below an integer: the old ⌊τk + 10⁻⁹⌋ rounded it up and trimmed one score too many.
    [InlineData(0.1999999999, 5, 0)]
    [InlineData(0.2999999999, 10, 2)]
    [InlineData(0.2499999999, 8, 1)]
    // The doubles nearest 0.3 and 0.35 lie below 3/10 and 7/20: a floor of the binary product could give 2 and 6.
    [InlineData(0.3, 10, 3)]
    [InlineData(0.35, 20, 7)]
    public void PerSide_TauTimesKNearAnInteger_IsTheExactFloorOfTheWrittenTau(double tau, int k, int expected) =>
        Assert.Equal(expected, TrimCount.PerSide(tau, k, TrimRounding.Floor));

    /// <summary>
    /// A trim fraction written with up to 15 decimals (so the double round-trips to the same digits), as the numerator m
    /// of m / 10^d, half the time placed just below an integer boundary t/k where rounding errors bite.
    /// </summary>
    private static Gen<(long Numerator, int Decimals, int K)> WrittenFractions { get; } =
        Gen.Choose(1, 15).Zip(Gen.Choose(1, 256)).SelectMany(dk =>
        {
            (int d, int k) = dk;
            long scale = Pow10(d);
            var anywhere = Gen.Choose(0, int.MaxValue).Select(u => (long)((scale / 2 - 1) * (u / (double)int.MaxValue)));
            var justBelow = Gen.Choose(1, Math.Max(1, (k - 1) / 2)).Zip(Gen.Choose(0, 3))
                .Select(te => Math.Clamp(((te.Item1 * scale) - te.Item2 - 1) / k, 0, (scale / 2) - 1));
            return Gen.OneOf(anywhere, justBelow).Select(m => (m, d, k));
        });

    private static long Pow10(int d)
    {
        long p = 1;
        for (int i = 0; i < d; i++)
        {
            p *= 10;
        }

        return p;
    }

    [Property(MaxTest = 5000)]
    public Property PerSide_AnyWrittenFraction_IsTheExactFloorCappedToLeaveOne() =>
        Prop.ForAll(WrittenFractions.Zip(Gen.Elements(TrimRounding.Floor, TrimRounding.AtLeastOne)).ToArbitrary(), c =>
        {
            ((long m, int d, int k), TrimRounding rounding) = c;
            string written = "0." + m.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(d, '0');
            double tau = double.Parse(written, System.Globalization.CultureInfo.InvariantCulture);
            // Invariant: g = ⌊τk⌋ for τ exactly as written, i.e. ⌊m·k / 10^d⌋ in integers (at-least-one raises it to
            // 1), capped at (k − 1) / 2 so a score is left. m·k < 10¹⁵·256 fits a long.
            long floor = m * k / Pow10(d);
            long expected = Math.Min(rounding == TrimRounding.AtLeastOne ? Math.Max(1, floor) : floor, (k - 1) / 2);
            return (TrimCount.PerSide(tau, k, rounding) == expected).Label($"τ = {written}, k = {k}, {rounding}: expected {expected}");
        });
}

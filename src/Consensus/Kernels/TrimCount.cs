using System.Globalization;

namespace PoQ.Consensus.Kernels;

/// <summary>Derives the per-side trim count g from τ, k and the rounding mode.</summary>
public static class TrimCount
{
    /// <summary>
    /// g per side for <paramref name="count"/> scores: ⌊τk⌋ exactly, for τ as written (see <see cref="AsWritten"/>).
    /// Never trims so much that nothing is left: the result satisfies k − 2g ≥ 1 for k ≥ 1. Zero scores give g = 0.
    /// </summary>
    /// <param name="tau">Trim fraction per side in [0, 0.5).</param>
    /// <param name="count">Number of scores k.</param>
    /// <param name="rounding">Floor, or at least one whenever that leaves a score.</param>
    public static int PerSide(double tau, int count, TrimRounding rounding) => PerSide(AsWritten(tau), count, rounding);

    /// <summary>
    /// As <see cref="PerSide(double, int, TrimRounding)"/> for τ already converted by <see cref="AsWritten"/>: no
    /// parsing and no allocation, for rules that convert once and trim on every task.
    /// </summary>
    /// <param name="tau">Trim fraction per side in [0, 0.5), exactly as written.</param>
    /// <param name="count">Number of scores k.</param>
    /// <param name="rounding">Floor, or at least one whenever that leaves a score.</param>
    public static int PerSide(decimal tau, int count, TrimRounding rounding)
    {
        if (tau < 0 || tau >= 0.5m)
        {
            throw new ArgumentOutOfRangeException(nameof(tau), tau, "the trim fraction must be in [0, 0.5)");
        }

        if (count <= 0)
        {
            return 0;
        }

        // Exact: τ has at most 17 significant digits and k at most 10, so the product fits decimal's 96-bit mantissa.
        int g = (int)decimal.Floor(tau * count);
        if (rounding == TrimRounding.AtLeastOne)
        {
            g = Math.Max(1, g);
        }

        int largestThatLeavesOne = (count - 1) / 2;
        return Math.Min(g, largestThatLeavesOne);
    }

    /// <summary>
    /// τ as the decimal it was written as: the shortest decimal that round-trips to the double, which is also τ's
    /// canonical text in the parameter hash. The floor of τk must be taken of this value, in exact arithmetic. In
    /// binary the double nearest 0.3 lies below 3/10, so ⌊0.3·10⌋ could come out 2; and the earlier remedy,
    /// ⌊τk + 10⁻⁹⌋, over-trimmed whenever τk lay within 10⁻⁹ below an integer (τ = 0.1999999999, k = 5 gave g = 1,
    /// not 0). Decimal keeps 28 decimal places, so digits are lost only for τ below 10⁻¹², where τk &lt; 1 for every
    /// int k and g = 0 either way.
    /// </summary>
    /// <param name="tau">A finite trim fraction in [0, 0.5).</param>
    public static decimal AsWritten(double tau)
    {
        if (!double.IsFinite(tau) || tau < 0 || tau >= 0.5)
        {
            throw new ArgumentOutOfRangeException(nameof(tau), tau, "the trim fraction must be in [0, 0.5)");
        }

        Span<char> text = stackalloc char[32];
        tau.TryFormat(text, out int written, "R", CultureInfo.InvariantCulture);
        return decimal.Parse(text[..written], NumberStyles.Float, CultureInfo.InvariantCulture);
    }
}

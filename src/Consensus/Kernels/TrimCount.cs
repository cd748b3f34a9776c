namespace PoQ.Consensus.Kernels;

/// <summary>Derives the per-side trim count g from τ, k and the rounding mode.</summary>
public static class TrimCount
{
    /// <summary>
    /// g per side for <paramref name="count"/> scores. Never trims so much that nothing is left:
    /// the result satisfies k − 2g ≥ 1 for k ≥ 1. Zero scores give g = 0.
    /// </summary>
    public static int PerSide(double tau, int count, TrimRounding rounding)
    {
        if (count <= 0)
        {
            return 0;
        }

        // The small epsilon keeps e.g. τ = 0.2, k = 5 at g = 1 even though 0.2·5 is 1.0000000000000002 or 0.9999…
        int g = (int)Math.Floor((tau * count) + 1e-9);
        if (rounding == TrimRounding.AtLeastOne)
        {
            g = Math.Max(1, g);
        }

        int largestThatLeavesOne = (count - 1) / 2;
        return Math.Min(g, largestThatLeavesOne);
    }
}

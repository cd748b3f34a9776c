namespace PoQ.Consensus.Kernels;

/// <summary>
/// The consensus kernels: small static functions over spans. Every function that takes an
/// <c>order</c> sums in that order (ascending score, see <see cref="SortedScores"/>), which makes the
/// result independent of arrival order to the last bit. Empty input yields <see cref="double.NaN"/>.
/// </summary>
public static class Aggregates
{
    /// <summary>Arithmetic mean, summed in <paramref name="order"/>. NaN for no scores.</summary>
    public static double Mean(ReadOnlySpan<double> scores, ReadOnlySpan<int> order)
    {
        if (order.IsEmpty)
        {
            return double.NaN;
        }

        double sum = 0;
        foreach (int i in order)
        {
            sum += scores[i];
        }

        return sum / order.Length;
    }

    /// <summary>
    /// Median of the sorted scores. For an even count it is the average of the middle two. NaN for no scores.
    /// </summary>
    public static double Median(ReadOnlySpan<double> scores, ReadOnlySpan<int> order)
    {
        int k = order.Length;
        if (k == 0)
        {
            return double.NaN;
        }

        return k % 2 == 1
            ? scores[order[k / 2]]
            : (scores[order[(k / 2) - 1]] + scores[order[k / 2]]) / 2;
    }

    /// <summary>
    /// Mean of the sorted scores after removing <paramref name="trimPerSide"/> from each end.
    /// NaN when nothing is left (2·g ≥ k) or for no scores.
    /// </summary>
    public static double TrimmedMean(ReadOnlySpan<double> scores, ReadOnlySpan<int> order, int trimPerSide)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(trimPerSide);
        int kept = order.Length - (2 * trimPerSide);
        return kept <= 0 ? double.NaN : Mean(scores, order.Slice(trimPerSide, kept));
    }

    /// <summary>
    /// Weighted mean Σ wᵢsᵢ / Σ wᵢ summed in <paramref name="order"/>. NaN for no scores or zero total weight.
    /// </summary>
    public static double WeightedMean(ReadOnlySpan<double> scores, ReadOnlySpan<double> weights, ReadOnlySpan<int> order)
    {
        double weighted = 0;
        double total = 0;
        foreach (int i in order)
        {
            weighted += weights[i] * scores[i];
            total += weights[i];
        }

        return total > 0 ? weighted / total : double.NaN;
    }

    /// <summary>
    /// Weighted median over the sorted scores: the smallest score whose cumulative weight reaches half the
    /// total; when the cumulative weight lands exactly on half, the average of that score and the next
    /// (the weighted analogue of the even-k median, so equal weights give the ordinary median).
    /// NaN for no scores or zero total weight.
    /// </summary>
    public static double WeightedMedian(ReadOnlySpan<double> scores, ReadOnlySpan<double> weights, ReadOnlySpan<int> order)
    {
        double total = 0;
        foreach (int i in order)
        {
            total += weights[i];
        }

        if (!(total > 0))
        {
            return double.NaN;
        }

        double half = total / 2;
        double cumulative = 0;
        for (int position = 0; position < order.Length; position++)
        {
            cumulative += weights[order[position]];
            if (cumulative > half)
            {
                return scores[order[position]];
            }

            if (cumulative == half && position + 1 < order.Length)
            {
                return (scores[order[position]] + scores[order[position + 1]]) / 2;
            }
        }

        return scores[order[^1]];
    }
}

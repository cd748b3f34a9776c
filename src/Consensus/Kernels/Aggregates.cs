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
    /// Median of scores in any order: sorted by <see cref="SortedScores.Permutation"/>, then <see cref="Median(ReadOnlySpan{double}, ReadOnlySpan{int})"/>.
    /// For the medians that are not a rule's (a dispersion, a latency), so that there is one median. NaN for no scores.
    /// </summary>
    public static double MedianOf(ReadOnlySpan<double> scores)
    {
        Span<int> order = scores.Length <= 64 ? stackalloc int[scores.Length] : new int[scores.Length];
        SortedScores.Permutation(scores, [], order);
        return Median(scores, order);
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
    /// Weighted mean Σ wᵢsᵢ / Σ wᵢ summed in <paramref name="order"/>. NaN for no scores. When the weights do not
    /// add up to a positive total (all zero) it is the unweighted <see cref="Mean"/>, see <see cref="NoUsableWeight"/>.
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

        return NoUsableWeight(total) ? Mean(scores, order) : weighted / total;
    }

    /// <summary>
    /// Weighted median over the sorted scores: the smallest score whose cumulative weight reaches half the
    /// total; when the cumulative weight lands exactly on half, the average of that score and the next
    /// (the weighted analogue of the even-k median, so equal weights give the ordinary median).
    /// NaN for no scores. When the weights do not add up to a positive total (all zero) it is the unweighted
    /// <see cref="Median"/>, see <see cref="NoUsableWeight"/>.
    /// </summary>
    public static double WeightedMedian(ReadOnlySpan<double> scores, ReadOnlySpan<double> weights, ReadOnlySpan<int> order)
    {
        double total = 0;
        foreach (int i in order)
        {
            total += weights[i];
        }

        if (NoUsableWeight(total))
        {
            return Median(scores, order);
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

    /// <summary>
    /// True when the weights cannot form Σ wᵢsᵢ / Σ wᵢ (Σw = 0 gives 0/0). The weighted kernels then count every
    /// score equally, for three reasons: (1) all-zero weights are equal weights, and for any equal weights, however
    /// small, the formula is the unweighted value — its limit as w → 0; (2) the design brief's only "no consensus"
    /// outcome is <c>insufficient</c>, a property of the facts (fewer scores than the quorum) that records no verdicts
    /// and so no trust step — zero trust would be absorbing, every later task of those evaluators unpaid, whereas with a
    /// consensus the Eq. 21 update clips 0·(1 + λ(p − d)) up to w_min and trust recovers; (3) the result stays within
    /// [min, max] of the scores like every other rule. No validated trust rule folds a weight to 0 (w_min &gt; 0); only
    /// a restored or foreign trust state can hold one. No scores still give NaN, through the unweighted kernels.
    /// </summary>
    internal static bool NoUsableWeight(double total) => !(total > 0);
}

namespace PoQ.Consensus.Kernels;

/// <summary>
/// Puts a task's scores (and their weights) into one canonical order so that every sum a rule takes is
/// bit-for-bit independent of the order in which evaluators happened to report (style.md §5).
/// </summary>
public static class SortedScores
{
    /// <summary>
    /// Writes into <paramref name="order"/> the permutation that sorts <paramref name="scores"/> ascending,
    /// ties broken by weight ascending and then by original index. Insertion sort: k is small (3–15).
    /// </summary>
    /// <param name="scores">The scores, left untouched.</param>
    /// <param name="weights">Per-score weights, or empty when the rule is unweighted.</param>
    /// <param name="order">Receives indices into <paramref name="scores"/>; must have the same length.</param>
    public static void Permutation(ReadOnlySpan<double> scores, ReadOnlySpan<double> weights, Span<int> order)
    {
        if (order.Length != scores.Length)
        {
            throw new ArgumentException("order must have one slot per score", nameof(order));
        }

        bool weighted = !weights.IsEmpty;
        for (int i = 0; i < order.Length; i++)
        {
            int candidate = i;
            int j = i - 1;
            while (j >= 0 && Precedes(candidate, order[j], scores, weights, weighted))
            {
                order[j + 1] = order[j];
                j--;
            }

            order[j + 1] = candidate;
        }
    }

    private static bool Precedes(int a, int b, ReadOnlySpan<double> scores, ReadOnlySpan<double> weights, bool weighted)
    {
        int byScore = scores[a].CompareTo(scores[b]);
        if (byScore != 0)
        {
            return byScore < 0;
        }

        if (weighted)
        {
            int byWeight = weights[a].CompareTo(weights[b]);
            if (byWeight != 0)
            {
                return byWeight < 0;
            }
        }

        return a < b;
    }
}

namespace PoQ.Consensus.Kernels;

/// <summary>
/// Yuma's consensus over one column of weights (opentensor subtensor, <c>pallets/subtensor/src/epoch/math.rs</c>,
/// <c>weighted_median_col</c> → <c>weighted_median</c>), applied to the k scores of one task with the evaluators' weights
/// as stake.
/// </summary>
public static class StakeMajority
{
    /// <summary>
    /// The largest score x that evaluators holding at least κ of the stake scored at or above: Σ_{sᵢ ≥ x} Sᵢ ≥ κ·ΣS.
    /// subtensor's pivot search returns the score x with stake(&lt; x) ≤ 1 − κ and stake(&gt; x) &lt; κ over normalised stake,
    /// which is this score; κ = 0.5 makes it the stake-weighted median, taken from above when the stake splits exactly in
    /// half (stakes 1, 1 on scores 4, 8 give 8). Always one of the scores, never an average. Stake is accumulated from the
    /// highest score down in <paramref name="order"/>, so the result does not depend on arrival order. A zero-stake
    /// score never becomes the consensus (subtensor leaves zero stake out); when the stakes do not add up to a positive
    /// total every score counts equally, as in <see cref="Aggregates"/>. NaN for no scores.
    /// </summary>
    /// <param name="scores">The scores.</param>
    /// <param name="stakes">One stake (weight in force) per score.</param>
    /// <param name="order">Ascending permutation of the scores (<see cref="SortedScores"/>).</param>
    /// <param name="kappa">The majority κ in (0, 1]; Yuma's default 0.5.</param>
    public static double Consensus(ReadOnlySpan<double> scores, ReadOnlySpan<double> stakes, ReadOnlySpan<int> order, double kappa)
    {
        if (order.IsEmpty)
        {
            return double.NaN;
        }

        double total = 0;
        foreach (int i in order)
        {
            total += stakes[i];
        }

        bool equal = Aggregates.NoUsableWeight(total);
        double majority = kappa * (equal ? order.Length : total);
        double above = 0;
        for (int position = order.Length - 1; position >= 0; position--)
        {
            above += equal ? 1 : stakes[order[position]];
            if (above >= majority)
            {
                return scores[order[position]];
            }
        }

        // Only rounding can leave the full sum a hair below κ·ΣS at κ = 1: the lowest score is then the answer.
        return scores[order[0]];
    }
}

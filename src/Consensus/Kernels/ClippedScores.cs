namespace PoQ.Consensus.Kernels;

/// <summary>
/// What Yuma does with a column once its consensus C is known (opentensor subtensor, <c>run_epoch.rs</c>): weights are
/// clipped at C (<c>inplace_col_clip</c>: W̄ = min(W, C)), the miner is ranked by the stake-weighted clipped weights
/// (<c>matmul(clipped_weights, active_stake)</c>), and each validator's bond delta is its stake-normalised share of the
/// clipped column (<c>col_normalize(row_hadamard(W̄, S))</c>). Here a column is one task and a weight one score.
/// Stakes that do not add up to a positive total count equally, as in <see cref="Aggregates"/>.
/// </summary>
public static class ClippedScores
{
    /// <summary>min(<paramref name="score"/>, <paramref name="clip"/>): clipping lowers a score above the consensus and never raises one.</summary>
    public static double Clip(double score, double clip) => Math.Min(score, clip);

    /// <summary>
    /// Σ Sᵢ·min(sᵢ, C) / Σ Sᵢ, summed in <paramref name="order"/>: Yuma's rank of the miner, Σᵢ Sᵢ·W̄ᵢ with stake
    /// normalised. Within [min score, C]. NaN for no scores.
    /// </summary>
    public static double StakeWeightedMean(ReadOnlySpan<double> scores, ReadOnlySpan<double> stakes, ReadOnlySpan<int> order, double clip)
    {
        // Clipping is monotone, so the ascending order of the scores is still an order of the clipped ones; the mean
        // (and its all-zero-stake fallback) is the one weighted-mean kernel's.
        Span<double> clipped = stackalloc double[scores.Length];
        for (int i = 0; i < scores.Length; i++)
        {
            clipped[i] = Clip(scores[i], clip);
        }

        return Aggregates.WeightedMean(clipped, stakes, order);
    }

    /// <summary>
    /// Each evaluator's bond target Tᵢ = ΔBᵢ · ΣS, where ΔBᵢ = Sᵢ·W̄ᵢ / Σₖ Sₖ·W̄ₖ is Yuma's column-normalised bond delta.
    /// Scaling the share by the task's total stake puts it in weight units, and Σ Tᵢ = ΣS: as in Yuma, where a column's
    /// bonds sum to 1 before and after the EMA, the bond step redistributes the task's trust among its evaluators rather
    /// than creating any. Equivalently Tᵢ = Sᵢ · W̄ᵢ / c̄ with c̄ the stake-weighted clipped mean: an evaluator whose
    /// clipped score is above the task's consensus value gains, one below it loses. When every clipped score is 0 the
    /// share is 0/0; Tᵢ = Sᵢ then, because Yuma's zero bond-delta column leaves the re-normalised bonds as they were.
    /// </summary>
    /// <param name="scores">The scores.</param>
    /// <param name="stakes">One stake (weight in force) per score.</param>
    /// <param name="order">Ascending permutation of the scores.</param>
    /// <param name="clip">The consensus C (<see cref="StakeMajority.Consensus"/>).</param>
    /// <param name="targets">Receives one target per score (index-aligned with <paramref name="scores"/>).</param>
    public static void BondTargets(ReadOnlySpan<double> scores, ReadOnlySpan<double> stakes, ReadOnlySpan<int> order, double clip, Span<double> targets)
    {
        double value = StakeWeightedMean(scores, stakes, order, clip);
        for (int i = 0; i < scores.Length; i++)
        {
            targets[i] = value > 0 ? stakes[i] * Clip(scores[i], clip) / value : stakes[i];
        }
    }
}

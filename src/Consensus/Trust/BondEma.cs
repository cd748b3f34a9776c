namespace PoQ.Consensus.Trust;

/// <summary>The trust step of <c>yuma</c>: Yuma's bond EMA, one evaluator at a time.</summary>
public static class BondEma
{
    /// <summary>
    /// w ← clip(α·T + (1 − α)·w, w_min, w_max): subtensor's <c>mat_ema</c> (B = α·ΔB + (1 − α)·B_old) with the bond target
    /// T in weight units (<c>ClippedScores.BondTargets</c>). Yuma's bonds need no clip, being shares; PoQ keeps every trust
    /// rule's weight within [w_min, w_max], so a weight of 0 is never absorbing and no evaluator outgrows w_max.
    /// </summary>
    /// <param name="weight">The weight in force before the step (the bond B_old).</param>
    /// <param name="target">The bond target T ≥ 0.</param>
    /// <param name="alpha">α in (0, 1]; Yuma's default 0.1 (bonds_moving_average 900,000 of 1,000,000).</param>
    /// <param name="parameters">w_min, w_max.</param>
    public static double Next(double weight, double target, double alpha, TrustParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return Math.Clamp((alpha * target) + ((1 - alpha) * weight), parameters.MinWeight, parameters.MaxWeight);
    }
}

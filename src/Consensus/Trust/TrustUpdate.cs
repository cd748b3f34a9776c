namespace PoQ.Consensus.Trust;

/// <summary>The adaptive trust update, one function shared by the paper's rule and ours.</summary>
public static class TrustUpdate
{
    /// <summary>
    /// Paper Eq. 21 with a configurable pivot: w ← clip(w · (1 + λ · (pivot − d)), w_min, w_max).
    /// The paper's pivot is 0.5; with deviations below it every honest weight climbs to w_max
    /// and the trust-weighted mean degenerates to the mean, which is why the pivot is a parameter.
    /// </summary>
    /// <param name="weight">The weight in force before the task.</param>
    /// <param name="deviation">d = |s − centre| / 10, in [0, 1].</param>
    /// <param name="pivot">Deviation at which the weight stays unchanged.</param>
    /// <param name="parameters">λ, w_min, w_max.</param>
    public static double Next(double weight, double deviation, double pivot, TrustParameters parameters)
    {
        double next = weight * (1 + (parameters.Lambda * (pivot - deviation)));
        return Math.Clamp(next, parameters.MinWeight, parameters.MaxWeight);
    }
}

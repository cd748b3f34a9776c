namespace PoQ.Consensus.Trust;

/// <summary>The trust state of one evaluator: its current weight and how many tasks have updated it.</summary>
/// <param name="Weight">The weight w, within [w_min, w_max] of the rule that evolved it.</param>
/// <param name="Observations">Number of trust updates applied so far (used by the cold-start prior).</param>
public readonly record struct TrustEntry(double Weight, int Observations)
{
    /// <summary>The state of an evaluator never seen before: w₀ and no observations.</summary>
    public static TrustEntry Initial(double initialWeight) => new(initialWeight, 0);
}

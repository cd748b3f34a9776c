namespace PoQ.Consensus.Trust;

/// <summary>The trust state of one evaluator: its current weight and how many tasks have updated it.</summary>
/// <param name="Weight">The weight w, within [w_min, w_max] of the rule that evolved it.</param>
/// <param name="Observations">Number of trust updates applied so far (used by the cold-start prior).</param>
/// <param name="Flagged">
/// The view a task settles against marks the evaluator as flagged by collusion/copy detection (issue 10, item 3), so the
/// rule multiplies its weight in force by <see cref="TrustParameters.FlaggedWeight"/>. Not trust state: ledgers and
/// snapshots never hold it (<c>TrustSettings.Evolve</c> drops it), only a flagging view sets it, so detection
/// changes the weight a score carries and never the trust an evaluator accumulates.
/// </param>
public readonly record struct TrustEntry(double Weight, int Observations, bool Flagged = false)
{
    /// <summary>The state of an evaluator never seen before: w₀ and no observations.</summary>
    public static TrustEntry Initial(double initialWeight) => new(initialWeight, 0);
}

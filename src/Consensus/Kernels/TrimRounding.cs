namespace PoQ.Consensus.Kernels;

/// <summary>
/// How the trim count g is derived from the trim fraction τ and the number of scores k. The design brief
/// requires this to be explicit because ⌊0.2·3⌋ = 0 silently turns the trimmed mean into the mean at k = 3.
/// </summary>
public enum TrimRounding
{
    /// <summary>g = ⌊τk⌋ (the textbook definition; may trim nothing for small k).</summary>
    Floor,

    /// <summary>g = max(1, ⌊τk⌋) whenever that still leaves at least one score; otherwise as <see cref="Floor"/>.</summary>
    AtLeastOne,
}

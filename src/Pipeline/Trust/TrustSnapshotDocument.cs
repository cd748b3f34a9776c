namespace PoQ.Pipeline.Trust;

/// <summary>
/// The trust snapshot after folding every epoch up to <see cref="Id"/> (only epochs with verdicts get one): what tasks
/// of epoch <see cref="Id"/> + 2 and later settle against, until the next one.
/// </summary>
public sealed class TrustSnapshotDocument
{
    /// <summary>The last folded epoch.</summary>
    public long Id { get; set; }

    /// <summary>Evaluator → [weight, observations].</summary>
    public Dictionary<string, double[]> Entries { get; set; } = new(StringComparer.Ordinal);
}

namespace PoQ.Pipeline.Trust;

/// <summary>How far epoch trust is folded: every epoch up to <see cref="ClosedThrough"/> (with or without verdicts).</summary>
public sealed class TrustEpochState
{
    /// <summary>The single document's id.</summary>
    public const string SingletonId = "trust-epochs";

    /// <summary>Always <see cref="SingletonId"/>.</summary>
    public string Id { get; set; } = SingletonId;

    /// <summary>The last epoch folded (long.MinValue before the first).</summary>
    public long ClosedThrough { get; set; } = long.MinValue;
}

namespace PoQ.Pipeline.Trust;

/// <summary>How far the sequential update (<c>--trust-epoch 0</c>) got: the finalization index of the last settled task.</summary>
public sealed class SequentialTrustState
{
    /// <summary>The single document's id.</summary>
    public const string SingletonId = "sequential";

    /// <summary>Always <see cref="SingletonId"/>.</summary>
    public string Id { get; set; } = SingletonId;

    /// <summary>Finalization index (the task's epoch) of the last settled task.</summary>
    public long LastSequence { get; set; }
}

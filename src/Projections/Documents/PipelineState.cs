namespace PoQ.Projections.Documents;

/// <summary>The pipeline's own progress: last finalization and trust sequences, last batch, what was published.</summary>
public sealed class PipelineState
{
    /// <summary>The single document's id.</summary>
    public const string SingletonId = "pipeline";

    /// <summary>Always <see cref="SingletonId"/>.</summary>
    public string Id { get; set; } = SingletonId;

    /// <summary>Sequence of the last finalized task.</summary>
    public long LastTaskSequence { get; set; }

    /// <summary>Sequence of the last trust update.</summary>
    public long LastTrustSequence { get; set; }

    /// <summary>Number of the last committed batch.</summary>
    public long LastBatch { get; set; }

    /// <summary>Rule of the last batch (a restart with another rule is allowed but reported).</summary>
    public string Rule { get; set; } = "";

    /// <summary>Parameter hash of the last batch's rule.</summary>
    public string ParamsHash { get; set; } = "";

    /// <summary>Score messages accepted into windows, total.</summary>
    public long ScoresAccepted { get; set; }

    /// <summary>Tasks settled with a consensus.</summary>
    public long TasksFinalized { get; set; }

    /// <summary>Tasks closed below quorum.</summary>
    public long TasksInsufficient { get; set; }

    /// <summary>Messages dead-lettered, total.</summary>
    public long DeadLetters { get; set; }

    /// <summary>Partitions where committed data was found deleted on the broker (loss reported loudly).</summary>
    public List<string> DataLoss { get; set; } = [];
}

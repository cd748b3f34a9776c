namespace PoQ.Pipeline.Status;

/// <summary>What <c>poq status</c> shows.</summary>
public sealed record PipelineStatusReport
{
    /// <summary>Tasks settled with a consensus.</summary>
    public required long TasksFinalized { get; init; }

    /// <summary>Tasks closed below quorum.</summary>
    public required long TasksInsufficient { get; init; }

    /// <summary>Scores accepted into windows.</summary>
    public required long ScoresAccepted { get; init; }

    /// <summary>Rewards paid: count and totals by role.</summary>
    public required RewardTotals Rewards { get; init; }

    /// <summary>Dead letters by reason code.</summary>
    public required IReadOnlyDictionary<string, long> DeadLetters { get; init; }

    /// <summary>Records on the broker not yet handled (null when the broker is unreachable).</summary>
    public long? ConsumerLag { get; init; }

    /// <summary>Why <see cref="ConsumerLag"/> is null, when it is.</summary>
    public string? ConsumerLagNote { get; init; }

    /// <summary>Data losses recorded by the pipeline.</summary>
    public required IReadOnlyList<string> DataLoss { get; init; }

    /// <summary>The rule of the last committed batch.</summary>
    public required string Rule { get; init; }

    /// <summary>Its parameter hash.</summary>
    public required string ParamsHash { get; init; }
}

/// <summary>Reward totals.</summary>
/// <param name="Count">Rewards paid (one per node per task).</param>
/// <param name="Total">Σ all rewards.</param>
/// <param name="Inference">Σ inference rewards.</param>
/// <param name="Evaluators">Σ evaluator rewards.</param>
public sealed record RewardTotals(long Count, double Total, double Inference, double Evaluators);

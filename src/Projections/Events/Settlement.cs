namespace PoQ.Projections.Events;

/// <summary>
/// The decision part of a finalized task, re-derivable from its facts with the core engine. Rule and reward
/// parameters are referenced by hash; their full values are recorded once in <see cref="MechanismConfigured"/>.
/// </summary>
public sealed record Settlement
{
    /// <summary><c>reached</c> or <c>insufficient</c>.</summary>
    public required string Status { get; init; }

    /// <summary>Rule wire name.</summary>
    public required string Rule { get; init; }

    /// <summary>The rule's parameter hash.</summary>
    public required string ParamsHash { get; init; }

    /// <summary>Hash of the reward parameters.</summary>
    public required string RewardParamsHash { get; init; }

    /// <summary>Consensus; null when insufficient.</summary>
    public double? Consensus { get; init; }

    /// <summary>The inference node's reward; 0 when insufficient.</summary>
    public double InferenceReward { get; init; }

    /// <summary>Per evaluator in ordinal id order (the trust update order); empty when insufficient.</summary>
    public required IReadOnlyList<RecordedVerdict> Verdicts { get; init; }

    /// <summary>Status value of a task with a consensus.</summary>
    public const string Reached = "reached";

    /// <summary>Status value of a task below quorum.</summary>
    public const string Insufficient = "insufficient";
}

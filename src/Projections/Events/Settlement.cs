namespace PoQ.Projections.Events;

/// <summary>The decision part of a finalized task, re-derivable from its facts with the core engine.</summary>
public sealed record Settlement
{
    /// <summary><c>reached</c> or <c>insufficient</c>.</summary>
    public required string Status { get; init; }

    /// <summary>Rule wire name.</summary>
    public required string Rule { get; init; }

    /// <summary>Rule parameters in canonical form.</summary>
    public required IReadOnlyDictionary<string, string> RuleParameters { get; init; }

    /// <summary>The rule's parameter hash.</summary>
    public required string ParamsHash { get; init; }

    /// <summary>Consensus; null when insufficient.</summary>
    public double? Consensus { get; init; }

    /// <summary>Per evaluator, in ordinal evaluator order (the trust update order).</summary>
    public required IReadOnlyList<RecordedVerdict> Verdicts { get; init; }

    /// <summary>Reward parameters in canonical form.</summary>
    public required IReadOnlyDictionary<string, string> RewardParameters { get; init; }

    /// <summary>Hash of the reward parameters.</summary>
    public required string RewardParamsHash { get; init; }

    /// <summary>Payouts: the inference node first, then evaluators in verdict order. Empty when insufficient.</summary>
    public required IReadOnlyList<RecordedReward> Rewards { get; init; }
}

namespace PoQ.Projections.Queries;

/// <summary>
/// Everything behind one task's payouts: its facts, the rule and parameters in force (with hashes), the consensus,
/// each evaluator's score, weight, exclusion, deviation, trust before/after, cost input ĉ and reward, and the
/// inference node's reward with its cost input.
/// </summary>
public sealed record TaskAudit
{
    /// <summary>Task id.</summary>
    public required string TaskId { get; init; }

    /// <summary>The trust epoch it settled in (with <c>--trust-epoch 0</c>: its finalization index).</summary>
    public required long Epoch { get; init; }

    /// <summary>The input partition of the task and its scores.</summary>
    public required int Partition { get; init; }

    /// <summary><c>qa</c> or <c>summarization</c>.</summary>
    public required string TaskType { get; init; }

    /// <summary>The time the producer wrote into the task message (informational).</summary>
    public required DateTimeOffset SubmittedAt { get; init; }

    /// <summary>The task's log time (its record's timestamp, or its partition's stream time if later).</summary>
    public required DateTimeOffset TaskTime { get; init; }

    /// <summary>Why the window closed.</summary>
    public required string CloseReason { get; init; }

    /// <summary>Stream time (log time) of the close.</summary>
    public required DateTimeOffset ClosedAt { get; init; }

    /// <summary>The record that closed the window (<c>topic/partition/offset</c>).</summary>
    public required string ClosedBy { get; init; }

    /// <summary>The sampled evaluators.</summary>
    public required IReadOnlyList<string> SampledEvaluators { get; init; }

    /// <summary>Evaluators asked (sampled, or added by an escalation) without an accepted score.</summary>
    public required IReadOnlyList<string> MissingEvaluators { get; init; }

    /// <summary>The escalation that held the payout (who was asked, the dispersion and threshold, when); null when none.</summary>
    public Settlement.Events.TaskEscalation? Escalation { get; init; }

    /// <summary><c>reached</c> or <c>insufficient</c>.</summary>
    public required string Status { get; init; }

    /// <summary>Rule name.</summary>
    public required string Rule { get; init; }

    /// <summary>The rule's parameter hash.</summary>
    public required string ParamsHash { get; init; }

    /// <summary>The rule's recorded parameters (empty when the mechanism was not recorded).</summary>
    public required IReadOnlyDictionary<string, string> RuleParameters { get; init; }

    /// <summary>Hash of the reward parameters.</summary>
    public required string RewardParamsHash { get; init; }

    /// <summary>The recorded reward parameters (empty when not recorded).</summary>
    public required IReadOnlyDictionary<string, string> RewardParameters { get; init; }

    /// <summary>Quorum in force; null when the mechanism was not recorded.</summary>
    public int? Quorum { get; init; }

    /// <summary>Hash of the whole mechanism (rule, rewards, quorum, trust epoch).</summary>
    public required string MechanismHash { get; init; }

    /// <summary>Trust epoch length in ms (0 = sequential); null when the mechanism was not recorded.</summary>
    public long? TrustEpochMs { get; init; }

    /// <summary>Consensus c; null when insufficient.</summary>
    public double? Consensus { get; init; }

    /// <summary>The inference node's line.</summary>
    public required TaskAuditInference Inference { get; init; }

    /// <summary>One line per accepted score, in ordinal evaluator order (the trust update order).</summary>
    public required IReadOnlyList<TaskAuditEvaluator> Evaluators { get; init; }

    /// <summary>Evaluators the rule left out (trimmed, outside the median).</summary>
    public required IReadOnlyList<string> Trimmed { get; init; }

    /// <summary>Σ of all rewards paid for this task.</summary>
    public required double TotalPaid { get; init; }

    /// <summary>Set when the recorded mechanism is missing or cannot be rebuilt (then ĉ and formulas are absent).</summary>
    public string? MechanismNote { get; init; }
}

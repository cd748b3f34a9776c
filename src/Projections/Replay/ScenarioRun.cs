namespace PoQ.Projections.Replay;

/// <summary>
/// One replay written to a named scenario: the rule and parameters it ran, the recorded range it covered and its
/// totals. Lives in the schema <see cref="Store.PoqStore.ScenarioSchema"/>, apart from the recorded history and the
/// live projections, so writing or replacing a scenario cannot touch either.
/// </summary>
public sealed class ScenarioRun
{
    /// <summary>The scenario name (unique).</summary>
    public string Id { get; set; } = "";

    /// <summary>Rule name.</summary>
    public string Rule { get; set; } = "";

    /// <summary>Canonical rule parameters.</summary>
    public Dictionary<string, string> Parameters { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The rule's parameter hash.</summary>
    public string ParamsHash { get; set; } = "";

    /// <summary>Hash of the reward parameters used.</summary>
    public string RewardParamsHash { get; set; } = "";

    /// <summary>Hash of the mechanism replayed with.</summary>
    public string MechanismHash { get; set; } = "";

    /// <summary>Quorum used (the recorded one).</summary>
    public int Quorum { get; set; }

    /// <summary>Trust epoch replayed with, in ms (0 = sequential).</summary>
    public long TrustEpochMs { get; set; }

    /// <summary>When the replay ran (the caller's clock).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Lower bound on <c>Facts.ClosedAt</c> (inclusive), when given.</summary>
    public DateTimeOffset? From { get; set; }

    /// <summary>Upper bound on <c>Facts.ClosedAt</c> (exclusive), when given.</summary>
    public DateTimeOffset? To { get; set; }

    /// <summary>Rank (in the recorded history's canonical order) of the first replayed task.</summary>
    public long FirstSequence { get; set; }

    /// <summary>Rank of the last replayed task.</summary>
    public long LastSequence { get; set; }

    /// <summary>The settlement digest of the scenario's tasks (<c>poq audit digest</c>'s): equal to the recorded one when replayed with the recorded mechanism.</summary>
    public string Digest { get; set; } = "";

    /// <summary>The rule(s) the replayed range was recorded with, e.g. <c>trust (ab12…)</c>.</summary>
    public string RecordedRules { get; set; } = "";

    /// <summary>The detection run whose flags the replay applied (a rule with <c>flagged_weight</c> below 1); null otherwise.</summary>
    public string? DetectionRun { get; set; }

    /// <summary>The evaluators it decided every task with marked flagged, in ordinal order; empty when none.</summary>
    public List<string> FlaggedEvaluators { get; set; } = [];

    /// <summary>Tasks replayed.</summary>
    public int Tasks { get; set; }

    /// <summary>Tasks with a consensus.</summary>
    public int TasksReached { get; set; }

    /// <summary>Accepted scores replayed.</summary>
    public long Scores { get; set; }

    /// <summary>Σ inference rewards.</summary>
    public double InferencePayout { get; set; }

    /// <summary>Σ evaluator rewards.</summary>
    public double EvaluatorPayout { get; set; }

    /// <summary>Σ all rewards.</summary>
    public double TotalPayout => InferencePayout + EvaluatorPayout;
}

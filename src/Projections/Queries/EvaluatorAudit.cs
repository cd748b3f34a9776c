using PoQ.Projections.Detection;
using PoQ.Projections.Model;

namespace PoQ.Projections.Queries;

/// <summary>One evaluator's record: participation, trust trajectory, deviation statistics and dead letters.</summary>
public sealed record EvaluatorAudit
{
    /// <summary>The evaluator.</summary>
    public required string EvaluatorId { get; init; }

    /// <summary>Tasks that sampled it.</summary>
    public required long TasksSampled { get; init; }

    /// <summary>Tasks where its score was accepted.</summary>
    public required long TasksScored { get; init; }

    /// <summary>Tasks settled with a verdict on it (reached consensus).</summary>
    public required long TasksSettled { get; init; }

    /// <summary>Trust after its last settled task's own step; null when never settled.</summary>
    public double? CurrentTrust { get; init; }

    /// <summary>Trust before/after each settled task, in canonical task order.</summary>
    public required IReadOnlyList<TrustPoint> Trajectory { get; init; }

    /// <summary>Statistics of its deviations d = |s − c| / 10.</summary>
    public required DeviationStatistics Deviation { get; init; }

    /// <summary>Σ rewards over its settled tasks.</summary>
    public required double RewardTotal { get; init; }

    /// <summary>Dead letters naming it, by reason code.</summary>
    public required IReadOnlyDictionary<string, long> DeadLettersByReason { get; init; }

    /// <summary>Its most recent dead letters, newest first.</summary>
    public required IReadOnlyList<DeadLetterLine> RecentDeadLetters { get; init; }

    /// <summary>The latest recorded detection run (<c>poq audit detect</c>) its flags come from; null when detection never ran on this store.</summary>
    public string? DetectionRun { get; init; }

    /// <summary>That run's flags naming this evaluator (collusion, copy) with their evidence; empty when none.</summary>
    public IReadOnlyList<FlagView> Flags { get; init; } = [];

    /// <summary>Its signing keys as the registry recorded them, oldest first; empty for an evaluator never registered.</summary>
    public IReadOnlyList<EvaluatorKeyLine> Keys { get; init; } = [];
}

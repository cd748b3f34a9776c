namespace PoQ.Projections.Replay;

/// <summary>Aggregate figures of a comparison; the simulator-dependent ones are null when no manifest is known.</summary>
public sealed record ComparisonTotals
{
    /// <summary>Tasks compared (present on both sides).</summary>
    public required int Tasks { get; init; }

    /// <summary>Tasks only one side has.</summary>
    public required int Unmatched { get; init; }

    /// <summary>Tasks whose every figure is bit-for-bit equal.</summary>
    public required int IdenticalTasks { get; init; }

    /// <summary>Tasks whose consensus moved.</summary>
    public required int TasksShifted { get; init; }

    /// <summary>Mean |shift| over tasks with a consensus on both sides.</summary>
    public required double MeanAbsShift { get; init; }

    /// <summary>Max |shift|.</summary>
    public required double MaxAbsShift { get; init; }

    /// <summary>Σ rewards, baseline.</summary>
    public required double PayoutBaseline { get; init; }

    /// <summary>Σ rewards, scenario.</summary>
    public required double PayoutScenario { get; init; }

    /// <summary>Max over nodes of |reward delta|.</summary>
    public required double MaxAbsRewardDelta { get; init; }

    /// <summary>(task, evaluator) pairs newly trimmed.</summary>
    public required int Trimmed { get; init; }

    /// <summary>(task, evaluator) pairs down-weighted.</summary>
    public required int DownWeighted { get; init; }

    /// <summary>Σ rewards to tagged-malicious evaluators, baseline; null when unknown.</summary>
    public double? MaliciousPayoutBaseline { get; init; }

    /// <summary>Σ rewards to tagged-malicious evaluators, scenario; null when unknown.</summary>
    public double? MaliciousPayoutScenario { get; init; }

    /// <summary>Mean |consensus − truth|, baseline; null when unknown.</summary>
    public double? ConsensusErrorBaseline { get; init; }

    /// <summary>Mean |consensus − truth|, scenario; null when unknown.</summary>
    public double? ConsensusErrorScenario { get; init; }

    /// <summary>True when every compared task is identical and no task is unmatched.</summary>
    public bool Reproduces => Unmatched == 0 && IdenticalTasks == Tasks;
}

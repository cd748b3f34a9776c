namespace PoQ.Projections.Replay;

/// <summary>How a scenario changed one task against the baseline.</summary>
/// <param name="TaskId">The task.</param>
/// <param name="Sequence">Recorded finalization sequence.</param>
/// <param name="ConsensusBaseline">Baseline consensus (null when insufficient).</param>
/// <param name="ConsensusScenario">Scenario consensus (null when insufficient).</param>
/// <param name="Truth">The simulator's hidden truth, when known.</param>
/// <param name="PayoutBaseline">Σ rewards of the task in the baseline.</param>
/// <param name="PayoutScenario">Σ rewards of the task in the scenario.</param>
/// <param name="Trimmed">Evaluators the scenario left out (trimmed or outside the median) that the baseline counted.</param>
/// <param name="DownWeighted">Evaluators the scenario kept with a smaller share of the task's total weight.</param>
/// <param name="Identical">True when every figure of the task is bit-for-bit equal.</param>
public sealed record TaskDelta(
    string TaskId,
    long Sequence,
    double? ConsensusBaseline,
    double? ConsensusScenario,
    double? Truth,
    double PayoutBaseline,
    double PayoutScenario,
    IReadOnlyList<string> Trimmed,
    IReadOnlyList<string> DownWeighted,
    bool Identical)
{
    /// <summary>Scenario − baseline consensus; null unless both reached one.</summary>
    public double? Shift => ConsensusScenario - ConsensusBaseline;
}

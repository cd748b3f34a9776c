namespace PoQ.Projections.Replay;

/// <summary>What a replay wrote and found.</summary>
/// <param name="Run">The scenario's run document.</param>
/// <param name="Comparison">The comparison with the baseline (tasks: the largest shifts and the watched tasks).</param>
/// <param name="RecordedRules">The rule(s) the range was recorded with.</param>
/// <param name="RecordedPayout">Σ recorded payouts over the replayed tasks.</param>
public sealed record ReplayResult(ScenarioRun Run, ScenarioComparison Comparison, IReadOnlyList<string> RecordedRules, double RecordedPayout);

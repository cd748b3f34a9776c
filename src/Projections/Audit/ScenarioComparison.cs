namespace PoQ.Projections.Audit;

/// <summary>A scenario next to the recorded history, node by node.</summary>
/// <param name="Scenario">The scenario.</param>
/// <param name="RecordedRule">The recorded history's rule (of the last batch).</param>
/// <param name="Nodes">Per node and role: recorded vs scenario reward totals.</param>
public sealed record ScenarioComparison(ScenarioSummary Scenario, string RecordedRule, IReadOnlyList<ScenarioNodeComparison> Nodes);

namespace PoQ.Projections.Queries;

/// <summary>A scenario next to the recorded history, node by node, one page at a time (the API and <c>poq audit scenario</c>).</summary>
/// <param name="Scenario">The scenario.</param>
/// <param name="RecordedRule">The recorded history's rule (of the last batch).</param>
/// <param name="Nodes">Per node and role, in (role, node id) order: recorded vs scenario reward totals (one page).</param>
/// <param name="NextCursor">Where the next page of nodes starts; null when this is the last.</param>
public sealed record ScenarioNodePage(ScenarioSummary Scenario, string RecordedRule, IReadOnlyList<ScenarioNodeComparison> Nodes, string? NextCursor = null);

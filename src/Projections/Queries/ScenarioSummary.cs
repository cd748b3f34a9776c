namespace PoQ.Projections.Queries;

/// <summary>A replay scenario in a listing.</summary>
/// <param name="Name">Scenario name (unique).</param>
/// <param name="Rule">The rule it replayed with.</param>
/// <param name="ParamsHash">That rule's parameter hash.</param>
/// <param name="Tasks">Tasks replayed.</param>
public sealed record ScenarioSummary(string Name, string Rule, string ParamsHash, long Tasks);

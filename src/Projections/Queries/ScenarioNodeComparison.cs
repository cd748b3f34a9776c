namespace PoQ.Projections.Queries;

/// <summary>One node's reward total, recorded and under a scenario.</summary>
/// <param name="NodeId">The node.</param>
/// <param name="Role"><c>inference</c> or <c>evaluator</c>.</param>
/// <param name="Recorded">Σ recorded rewards.</param>
/// <param name="Scenario">Σ rewards under the scenario.</param>
public sealed record ScenarioNodeComparison(string NodeId, string Role, double Recorded, double Scenario);

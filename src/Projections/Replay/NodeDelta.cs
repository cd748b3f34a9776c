namespace PoQ.Projections.Replay;

/// <summary>A node's rewards in the baseline and the scenario.</summary>
/// <param name="NodeId">The node.</param>
/// <param name="Role"><c>inference</c> or <c>evaluator</c>.</param>
/// <param name="Malicious">True/false where the simulator tagged evaluators; null when unknown.</param>
/// <param name="RewardBaseline">Σ rewards in the baseline.</param>
/// <param name="RewardScenario">Σ rewards in the scenario.</param>
/// <param name="TimesTrimmed">Tasks where the scenario newly left this evaluator out.</param>
/// <param name="TimesDownWeighted">Tasks where the scenario gave it a smaller weight share.</param>
public sealed record NodeDelta(string NodeId, string Role, bool? Malicious, double RewardBaseline, double RewardScenario, int TimesTrimmed, int TimesDownWeighted)
{
    /// <summary>Scenario − baseline.</summary>
    public double Delta => RewardScenario - RewardBaseline;
}

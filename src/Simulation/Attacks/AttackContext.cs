namespace PoQ.Simulation.Attacks;

/// <summary>What a malicious evaluator knows when it reports on a task.</summary>
/// <param name="InferenceNodeInCartel">The task's inference node belongs to the collusion cartel.</param>
/// <param name="PreviousConsensus">The last consensus reached for the task's inference node, if any.</param>
public readonly record struct AttackContext(bool InferenceNodeInCartel, double? PreviousConsensus);

namespace PoQ.Consensus.Outcomes;

/// <summary>One accepted score of a task's window.</summary>
/// <param name="EvaluatorId">The evaluator node.</param>
/// <param name="Score">Its score in [0, 10].</param>
public sealed record EvaluatorScore(string EvaluatorId, double Score);

namespace PoQ.Consensus.Windows;

/// <summary>A message the windows refused, with a reason code from the wire contract.</summary>
/// <typeparam name="TSource">Where the message came from.</typeparam>
/// <param name="ReasonCode">e.g. <c>late_score</c>.</param>
/// <param name="Message">Names the field and the reason.</param>
/// <param name="Field">The offending field.</param>
/// <param name="Source">The message's source.</param>
/// <param name="EvaluatorId">The evaluator a refused score names (for per-evaluator audit); null for task events.</param>
public sealed record WindowRejection<TSource>(string ReasonCode, string Message, string Field, TSource Source, string? EvaluatorId = null);

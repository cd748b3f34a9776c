namespace PoQ.Consensus.Windows;

/// <summary>A message the windows refused, with why (the pipeline maps it to the wire contract's reason code).</summary>
/// <typeparam name="TSource">Where the message came from.</typeparam>
/// <param name="Refusal">Why, e.g. <see cref="WindowRefusal.LateScore"/>.</param>
/// <param name="Message">Names the field and the reason.</param>
/// <param name="Field">The offending field.</param>
/// <param name="Source">The message's source.</param>
/// <param name="EvaluatorId">The evaluator a refused score names (for per-evaluator audit); null for task events.</param>
public sealed record WindowRejection<TSource>(WindowRefusal Refusal, string Message, string Field, TSource Source, string? EvaluatorId = null);

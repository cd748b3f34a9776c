namespace PoQ.Settlement.Events;

/// <summary>
/// Why and how a task's payout was held: its first scores disagreed beyond the deployment's threshold, so the window
/// asked <see cref="Evaluators"/> too and settled when they answered or <see cref="Deadline"/> (log time) passed. An
/// auditor recomputes the dispersion from the first <see cref="ScoresAtRequest"/> accepted scores and the extra
/// evaluators from the recorded draw.
/// </summary>
/// <param name="Evaluators">The extra evaluators asked, in draw order.</param>
/// <param name="Dispersion">The MAD of the first <see cref="ScoresAtRequest"/> accepted scores.</param>
/// <param name="Threshold">The threshold it exceeded.</param>
/// <param name="RequestedAt">Log time of the request.</param>
/// <param name="Deadline">Log time the window waited until at most.</param>
/// <param name="ScoresAtRequest">How many of the accepted scores (the first, in the order the window took them) the decision saw.</param>
public sealed record TaskEscalation(IReadOnlyList<string> Evaluators, double Dispersion, double Threshold, DateTimeOffset RequestedAt, DateTimeOffset Deadline, int ScoresAtRequest);

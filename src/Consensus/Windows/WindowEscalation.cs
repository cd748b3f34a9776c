namespace PoQ.Consensus.Windows;

/// <summary>
/// A window's escalation: it would have closed at <see cref="RequestedAt"/>, but its scores disagreed, so it asked
/// <see cref="Evaluators"/> as well and stays open until they all answer or stream time passes <see cref="Deadline"/>.
/// </summary>
/// <param name="Evaluators">The extra evaluators asked.</param>
/// <param name="Dispersion">The dispersion of the first <see cref="ScoresAtRequest"/> accepted scores.</param>
/// <param name="Threshold">The threshold it exceeded.</param>
/// <param name="RequestedAt">Stream time of the request (log time).</param>
/// <param name="Deadline">Log time after which the window closes with whatever arrived.</param>
/// <param name="ScoresAtRequest">How many accepted scores (the first, in arrival order) the decision saw.</param>
public sealed record WindowEscalation(IReadOnlyList<string> Evaluators, double Dispersion, double Threshold, DateTimeOffset RequestedAt, DateTimeOffset Deadline, int ScoresAtRequest);

/// <summary>A window that escalated: the request to publish.</summary>
/// <typeparam name="TSource">Where each message came from.</typeparam>
/// <param name="Task">The task.</param>
/// <param name="TaskSource">Source of the task message.</param>
/// <param name="Escalation">The escalation.</param>
public sealed record EscalatedWindow<TSource>(WindowTask Task, TSource TaskSource, WindowEscalation Escalation);

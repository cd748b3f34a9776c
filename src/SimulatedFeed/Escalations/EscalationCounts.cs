namespace PoQ.SimulatedFeed.Escalations;

/// <summary>What a responder has done so far. <see cref="RequestsSeen"/> = answered + repeated + skipped + failed to publish.</summary>
/// <param name="RequestsSeen">Records read from <c>poq.escalations</c>, readable or not, repeats included.</param>
/// <param name="RequestsAnswered">Distinct requests answered (each with at least one score).</param>
/// <param name="RequestsRepeated">Records of a request already answered (a pipeline re-sends after a restart): not answered again.</param>
/// <param name="RequestsSkipped">Records not answered: unreadable, for a task it does not know, or naming none of its evaluators.</param>
/// <param name="ScoresPublished">Signed scores published (acknowledged by the broker).</param>
public readonly record struct EscalationCounts(long RequestsSeen, long RequestsAnswered, long RequestsRepeated, long RequestsSkipped, long ScoresPublished);

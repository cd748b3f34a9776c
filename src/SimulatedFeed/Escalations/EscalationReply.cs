using PoQ.Ingest.Contract;
using PoQ.Ingest.Publishing;

namespace PoQ.SimulatedFeed.Escalations;

/// <summary>The simulator's decision about one record of <c>poq.escalations</c>.</summary>
/// <param name="Kind">What to do.</param>
/// <param name="Request">The request, when the record could be read.</param>
/// <param name="Scores">The signed scores to publish to <c>poq.scores</c> (empty unless <see cref="EscalationReplyKind.Answer"/>).</param>
/// <param name="Note">A line worth logging, or null: every unreadable record, and the first time a request is skipped or names evaluators outside the pool.</param>
public sealed record EscalationReply(EscalationReplyKind Kind, EscalationRequest? Request, IReadOnlyList<OutgoingScore> Scores, string? Note);

using PoQ.Ingest.Contract;

namespace PoQ.Ingest.Publishing;

/// <summary>A score event for <c>poq.scores</c>, keyed by its task id and written by <see cref="WireWriter.Score"/>.</summary>
/// <param name="Score">The score.</param>
/// <param name="Timestamp">The record timestamp.</param>
public sealed record OutgoingScore(ScoreSubmitted Score, DateTimeOffset Timestamp) : OutgoingRecord(Timestamp);

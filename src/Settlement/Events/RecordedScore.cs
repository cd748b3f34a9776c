namespace PoQ.Settlement.Events;

/// <summary>A score the task's window accepted, with its cost input and source.</summary>
/// <param name="ScoreId">Score id from the wire.</param>
/// <param name="EvaluatorId">The evaluator.</param>
/// <param name="Score">The score.</param>
/// <param name="LatencyMs">The evaluator's latency (its cost input).</param>
/// <param name="SubmittedAt">The time the producer wrote into the message (informational: time comes from the log).</param>
/// <param name="Source">Partition and offset in <c>poq.scores</c>.</param>
public sealed record RecordedScore(string ScoreId, string EvaluatorId, double Score, double LatencyMs, DateTimeOffset SubmittedAt, SourceRef Source)
{
    /// <summary>
    /// The evaluator's Ed25519 signature the score arrived with (wire contract v2), kept as evidence: with the registry's
    /// key history anyone can check it again. Null for an unsigned score. Not part of the settlement digest, which is
    /// over what was decided, not over how the input was authenticated.
    /// </summary>
    public byte[]? Signature { get; init; }
}

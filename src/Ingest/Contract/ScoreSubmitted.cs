namespace PoQ.Ingest.Contract;

/// <summary>A validated <c>poq.scores</c> message.</summary>
/// <param name="ScoreId">Score id.</param>
/// <param name="TaskId">Task id (the Kafka key).</param>
/// <param name="EvaluatorId">The evaluator.</param>
/// <param name="Score">Score in [0, 10], finite.</param>
/// <param name="LatencyMs">The evaluator's latency.</param>
/// <param name="SubmittedAt">When the score was submitted (event time).</param>
public sealed record ScoreSubmitted(string ScoreId, string TaskId, string EvaluatorId, double Score, double LatencyMs, DateTimeOffset SubmittedAt)
{
    /// <summary>
    /// <c>signature</c> (wire contract v2): the evaluator's 64-byte Ed25519 signature of the score's canonical payload
    /// (<see cref="Identity.ScoreSignaturePayload"/>); null for an unsigned (v1) score.
    /// </summary>
    public byte[]? Signature { get; init; }
}

namespace PoQ.Consensus.Windows;

/// <summary>A validated score as the window needs it.</summary>
/// <param name="ScoreId">Score id.</param>
/// <param name="TaskId">Task id.</param>
/// <param name="EvaluatorId">Evaluator.</param>
/// <param name="Score">Score in [0, 10].</param>
/// <param name="LatencyMs">The evaluator's latency.</param>
/// <param name="SubmittedAt">Event time of the score.</param>
public sealed record WindowScore(string ScoreId, string TaskId, string EvaluatorId, double Score, double LatencyMs, DateTimeOffset SubmittedAt)
{
    /// <summary>The evaluator's signature, carried through to the record of the task (evidence; windows never read it).</summary>
    public byte[]? Signature { get; init; }
}

namespace PoQ.Settlement.Detection;

/// <summary>
/// One recorded verdict as collusion and copy detection reads it: who scored which task of which inference node, how,
/// how fast, against which consensus, and the node's consensus before this task (what a copier would report).
/// </summary>
/// <param name="TaskId">The task.</param>
/// <param name="InferenceNodeId">The task's inference node.</param>
/// <param name="EvaluatorId">The evaluator.</param>
/// <param name="Score">Its score in [0, 10].</param>
/// <param name="Consensus">The task's consensus.</param>
/// <param name="LatencyMs">The evaluator's latency on the task.</param>
/// <param name="PreviousConsensus">The consensus of the node's previous task; null for its first.</param>
public sealed record DetectionVerdict(
    string TaskId,
    string InferenceNodeId,
    string EvaluatorId,
    double Score,
    double Consensus,
    double LatencyMs,
    double? PreviousConsensus);

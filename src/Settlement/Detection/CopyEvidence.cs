namespace PoQ.Settlement.Detection;

/// <summary>What one evaluator did on tasks whose node had a previous consensus: the evidence behind a copy flag.</summary>
/// <param name="EvaluatorId">The evaluator.</param>
/// <param name="Tasks">Its tasks whose node had a previous consensus, its score strictly inside (0, 10).</param>
/// <param name="Copies">Of those, tasks where its score equalled that previous consensus.</param>
/// <param name="Baseline">The honest copy rate estimated from the population of evaluators.</param>
/// <param name="PValue">P(at least <paramref name="Copies"/> | <paramref name="Tasks"/>, <paramref name="Baseline"/>).</param>
/// <param name="MedianLatencyMs">Its median latency over all its tasks.</param>
/// <param name="LatencyRatio">That median over the median of every evaluator's median latency (copiers skip the work, so well below 1).</param>
public sealed record CopyEvidence(string EvaluatorId, int Tasks, int Copies, double Baseline, double PValue, double MedianLatencyMs, double LatencyRatio)
{
    /// <summary>Copies per task.</summary>
    public double Rate => Tasks == 0 ? double.NaN : (double)Copies / Tasks;
}

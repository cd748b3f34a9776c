using System.Globalization;

namespace PoQ.Settlement.Detection;

/// <summary>
/// Collusion and copy detection over recorded verdicts (issue 10, item 3). Pure and deterministic: the verdicts are put
/// in a canonical order (task id, then evaluator id, ordinal) before anything is counted or summed, so the same verdicts
/// in any order give the same flags, bit for bit. It lives in PoQ.Settlement, beside the decider, because every driver
/// that settles — the pipeline, replay, audit verify and the simulation — already holds the verdicts it reads, and
/// flags feed back into settlement through <see cref="FlaggedTrustView"/>; a project of its own would add a reference
/// and nothing else.
/// </summary>
public static class Detector
{
    /// <summary>
    /// Flags cartels and copiers. Throws <see cref="ArgumentException"/> for verdicts no settlement produces: an evaluator
    /// twice on one task, a score or consensus outside [0, 10], a negative or non-finite latency.
    /// </summary>
    public static DetectionResult Detect(IEnumerable<DetectionVerdict> verdicts, DetectionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        options = (options ?? new DetectionOptions()).Validated();
        var sorted = verdicts.ToArray();
        Array.Sort(sorted, static (a, b) =>
        {
            int byTask = string.CompareOrdinal(a.TaskId, b.TaskId);
            return byTask != 0 ? byTask : string.CompareOrdinal(a.EvaluatorId, b.EvaluatorId);
        });
        Check(sorted);
        var collusion = CollusionDetector.Detect(sorted, options);
        var copy = CopyDetector.Detect(sorted, options);
        return new DetectionResult([.. collusion.Flags, .. copy.Flags], collusion.PairsTested, copy.EvaluatorsTested, collusion.Baseline, copy.Baseline);
    }

    private static void Check(DetectionVerdict[] sorted)
    {
        for (int i = 0; i < sorted.Length; i++)
        {
            var v = sorted[i];
            ArgumentNullException.ThrowIfNull(v, nameof(sorted));
            if (i > 0 && v.TaskId == sorted[i - 1].TaskId && v.EvaluatorId == sorted[i - 1].EvaluatorId)
            {
                throw new ArgumentException($"evaluator '{v.EvaluatorId}' has two verdicts on task '{v.TaskId}'", nameof(sorted));
            }

            if (!InRange(v.Score) || !InRange(v.Consensus) || (v.PreviousConsensus is double p && !InRange(p)) || !double.IsFinite(v.LatencyMs) || v.LatencyMs < 0)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"verdict of '{v.EvaluatorId}' on task '{v.TaskId}': scores and consensus must be within [0, 10], latency finite and ≥ 0"), nameof(sorted));
            }
        }
    }

    private static bool InRange(double value) => double.IsFinite(value) && value >= 0 && value <= 10;
}

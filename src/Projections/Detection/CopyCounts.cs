using PoQ.Settlement.Detection;

namespace PoQ.Projections.Detection;

/// <summary>The evidence of a recorded copy flag (<see cref="CopyEvidence"/> as stored: an undefined latency ratio is null).</summary>
/// <param name="Tasks">The evaluator's tasks whose node had a previous consensus, its score strictly inside (0, 10).</param>
/// <param name="Copies">Of those, tasks where its score equalled that previous consensus.</param>
/// <param name="Baseline">The honest copy rate it was tested against.</param>
/// <param name="PValue">P(at least <paramref name="Copies"/> | <paramref name="Tasks"/>, <paramref name="Baseline"/>).</param>
/// <param name="MedianLatencyMs">Its median latency.</param>
/// <param name="LatencyRatio">That median over the population's median latency; null when undefined.</param>
public sealed record CopyCounts(int Tasks, int Copies, double Baseline, double PValue, double MedianLatencyMs, double? LatencyRatio)
{
    /// <summary>The stored form of a detector's copy evidence.</summary>
    public static CopyCounts Of(CopyEvidence copy)
    {
        ArgumentNullException.ThrowIfNull(copy);
        return new CopyCounts(copy.Tasks, copy.Copies, copy.Baseline, copy.PValue, copy.MedianLatencyMs, double.IsFinite(copy.LatencyRatio) ? copy.LatencyRatio : null);
    }
}

using System.Globalization;

namespace PoQ.Rewards;

/// <summary>Bounds against which a latency is normalized to ĉ ∈ [0, 1] (predecessor paper's cost term).</summary>
/// <param name="MinMs">Latency at or below which the cost is 0.</param>
/// <param name="MaxMs">Latency at or above which the cost is 1.</param>
public sealed record LatencyBounds(double MinMs, double MaxMs)
{
    /// <summary>ĉ = clamp((latency − min) / (max − min), 0, 1). Latency must be finite and ≥ 0.</summary>
    public double Normalize(double latencyMs)
    {
        if (!double.IsFinite(latencyMs) || latencyMs < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(latencyMs), latencyMs, "latency must be a finite number of milliseconds ≥ 0");
        }

        return Math.Clamp((latencyMs - MinMs) / (MaxMs - MinMs), 0, 1);
    }

    /// <summary>Problems with the bounds, each naming the parameter (prefixed by <paramref name="name"/>).</summary>
    public IEnumerable<string> Problems(string name)
    {
        if (!double.IsFinite(MinMs) || MinMs < 0)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"parameter '{name}_min_ms' = {MinMs}: must be finite and ≥ 0");
        }

        if (!double.IsFinite(MaxMs) || MaxMs <= MinMs)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"parameter '{name}_max_ms' = {MaxMs}: must be finite and > {name}_min_ms");
        }
    }
}

using System.Diagnostics;
using PoQ.Pipeline.Commit;
using PoQ.Pipeline.Model;

namespace PoQ.Bench.Ingest;

/// <summary>
/// Where a task's settle latency goes, stage by stage: its delivery to the pipeline, then the stages inside the instance
/// (<see cref="TaskStamps.Stages"/>), from the stamps the pipeline carries; each stage's samples in ms. The stages add
/// up to the settle latency of a task closed by its last score (a window closed by a later record — a deadline —
/// counts that record's delivery instead).
/// </summary>
public sealed class SettleStages
{
    /// <summary>The stages, in order, with what each measures.</summary>
    public static readonly IReadOnlyList<(string Name, string Meaning)> Names =
        [("delivery", "last score handed to the producer → read by the pipeline's consumer (producer linger, broker, fetch)"), .. TaskStamps.Stages];

    private readonly List<double>[] samples = [.. Names.Select(_ => new List<double>())];

    /// <summary>Adds one task's stages: <paramref name="sent"/> is when its last score went to the producer.</summary>
    public void Add(long sent, TaskStamps task, CommittedBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        Span<TimeSpan> inside = stackalloc TimeSpan[TaskStamps.Stages.Count];
        if (sent == 0 || !task.TryDurations(batch.Timing, inside))
        {
            return;
        }

        samples[0].Add(Stopwatch.GetElapsedTime(sent, task.Received).TotalMilliseconds);
        for (int stage = 0; stage < inside.Length; stage++)
        {
            samples[stage + 1].Add(inside[stage].TotalMilliseconds);
        }
    }

    /// <summary>Each stage's median and 99th percentile, ms (NaN without samples).</summary>
    public IReadOnlyList<(string Stage, double P50Ms, double P99Ms)> Percentiles()
    {
        var result = new List<(string, double, double)>(samples.Length);
        for (int stage = 0; stage < samples.Length; stage++)
        {
            double[] sorted = [.. samples[stage].Order()];
            result.Add((Names[stage].Name, LatencyRun.Percentile(sorted, 0.50), LatencyRun.Percentile(sorted, 0.99)));
        }

        return result;
    }
}

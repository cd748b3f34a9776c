using System.Diagnostics;
using PoQ.Pipeline.Commit;
using PoQ.Pipeline.Model;

namespace PoQ.Bench.Ingest;

/// <summary>
/// Where a task's settle latency goes, stage by stage, from the stamps the pipeline carries: each stage's samples in ms.
/// The stages add up to the settle latency of a task closed by its last score (a window closed by a later record — a
/// deadline — counts that record's delivery instead).
/// </summary>
public sealed class SettleStages
{
    /// <summary>The stages, in order, with what each measures.</summary>
    public static readonly IReadOnlyList<(string Name, string Meaning)> Names =
    [
        ("delivery", "last score handed to the producer → read by the pipeline's consumer (producer linger, broker, fetch)"),
        ("merge", "read → its window closed (waiting in the merge for the other topic's records, or for the idle wait)"),
        ("trust", "window closed → settlement decided (waiting for the trust of the task's epoch)"),
        ("handoff", "decided → the lane hands its batch on (waiting for the committer to take the next batch)"),
        ("queue", "handed on → its commit begins (batches queued ahead of it)"),
        ("commit", "the commit's transaction"),
    ];

    private readonly List<double>[] samples = [.. Names.Select(_ => new List<double>())];

    /// <summary>Adds one task's stages: <paramref name="sent"/> is when its last score went to the producer.</summary>
    public void Add(long sent, TaskStamps task, CommittedBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var (formed, started, committed) = batch.Timing;
        long[] marks = [sent, task.Received, task.Closed, task.Decided, formed, started, committed];
        if (marks.Any(m => m == 0))
        {
            return;
        }

        for (int stage = 0; stage < samples.Length; stage++)
        {
            samples[stage].Add(Stopwatch.GetElapsedTime(marks[stage], marks[stage + 1]).TotalMilliseconds);
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

using System.Text.Json.Serialization;
using PoQ.Bench.History;
using PoQ.Cli.Json;
using static PoQ.Cli.Json.JsonNumbers;

namespace PoQ.Cli.Json;

/// <summary>One history size of <c>poq bench history --json</c> (README, FAQ: what it measures).</summary>
internal sealed record HistoryBenchJson(
    [property: JsonPropertyName("tasks")] long Tasks,
    [property: JsonPropertyName("replay_scores_per_minute")] double ReplayScoresPerMinute,
    [property: JsonPropertyName("verify_tasks_per_second")] double VerifyTasksPerSecond,
    [property: JsonPropertyName("query_p99_ms")] double QueryP99Ms,
    [property: JsonPropertyName("replay_peak_rss_mib")] double? ReplayPeakRssMib,
    [property: JsonPropertyName("verify_peak_rss_mib")] double? VerifyPeakRssMib,
    [property: JsonPropertyName("scores")] long Scores,
    [property: JsonPropertyName("query_p99_ms_by_query")] IReadOnlyDictionary<string, double> QueryP99MsByQuery,
    [property: JsonPropertyName("replay_peak_rss_ratio_to_smallest")] double? ReplayPeakRssRatioToSmallest,
    [property: JsonPropertyName("verify_peak_rss_ratio_to_smallest")] double? VerifyPeakRssRatioToSmallest,
    [property: JsonPropertyName("verify_clean")] bool VerifyClean,
    [property: JsonPropertyName("built")] bool Built,
    [property: JsonPropertyName("build_tasks_per_second")] double? BuildTasksPerSecond,
    [property: JsonPropertyName("built_through")] string BuiltThrough)
{
    /// <summary>How the histories are built, stated beside the figures.</summary>
    public const string Through = "HistoryRecorder: the lane committer, inline projections and the epoch coordinator (no Kafka)";

    /// <summary>The figures of <paramref name="r"/>; memory ratios are to <paramref name="smallest"/>, the first size run.</summary>
    public static HistoryBenchJson Of(HistoryBenchResult r, HistoryBenchResult smallest) => new(
        r.Tasks, r.ReplayScoresPerMinute, r.VerifyTasksPerSecond, r.QueryP99Ms, Finite(r.ReplayPeakRssMib), Finite(r.VerifyPeakRssMib), r.Scores,
        r.QueryP99MsByQuery, Finite(r.ReplayPeakRssMib / smallest.ReplayPeakRssMib), Finite(r.VerifyPeakRssMib / smallest.VerifyPeakRssMib),
        r.VerifyClean, r.Built, Finite(r.BuildTasksPerSecond), Through);
}

using PoQ.Bench.History;
using PoQ.Cli.Json;

namespace PoQ.Cli.Tests.Json;

/// <summary>Snapshot of one size of <c>poq bench history --json</c>; a figure not measured is null.</summary>
public sealed class HistoryBenchJsonTests
{
    [Fact]
    public void Serialize_FixedResult_IsTheSnapshot()
    {
        var smallest = new HistoryBenchResult(1_000, 5_000, true, 2_000, 1_000_000, 10_000, 5, new Dictionary<string, double> { ["task"] = 5 }, 100, 80, true);
        var larger = smallest with { Tasks = 10_000, Scores = 50_000, Built = false, BuildTasksPerSecond = double.NaN, ReplayPeakRssMib = 150, VerifyPeakRssMib = double.NaN };

        Assert.Equal(
            """[{"tasks":1000,"replay_scores_per_minute":1000000,"verify_tasks_per_second":10000,"query_p99_ms":5,"replay_peak_rss_mib":100,"verify_peak_rss_mib":80,"scores":5000,"query_p99_ms_by_query":{"task":5},"replay_peak_rss_ratio_to_smallest":1,"verify_peak_rss_ratio_to_smallest":1,"verify_clean":true,"built":true,"build_tasks_per_second":2000,"built_through":"HistoryRecorder: the lane committer, inline projections and the epoch coordinator (no Kafka)"},"""
            + """{"tasks":10000,"replay_scores_per_minute":1000000,"verify_tasks_per_second":10000,"query_p99_ms":5,"replay_peak_rss_mib":150,"verify_peak_rss_mib":null,"scores":50000,"query_p99_ms_by_query":{"task":5},"replay_peak_rss_ratio_to_smallest":1.5,"verify_peak_rss_ratio_to_smallest":null,"verify_clean":true,"built":false,"build_tasks_per_second":null,"built_through":"HistoryRecorder: the lane committer, inline projections and the epoch coordinator (no Kafka)"}]""",
            CliJson.Serialize(new[] { smallest, larger }.Select(r => HistoryBenchJson.Of(r, smallest)).ToList()));
    }
}

using System.Text.Json;
using PoQ.Bench.Ingest;
using PoQ.Pipeline.Tests.TestSupport;
using PoQ.Testing.Postgres;

namespace PoQ.Pipeline.Tests.Bench;

/// <summary>
/// <c>poq bench ingest --json</c> keeps its output contract (the key names) on a small real run: embedded broker,
/// two real PostgreSQL databases (one standing in for the fsync-on server), every phase including the latency phase.
/// </summary>
[Collection(PostgresFixture.Collection)]
public sealed class BenchIngestContractTests(PostgresFixture postgres)
{
    private static readonly string[] ContractKeys =
    [
        "events_per_second", "baseline_consume_per_second", "baseline_copy_per_second", "ratio", "events_lost",
        "ratio_to_copy", "ratio_to_consume", "p99_settle_latency_ms", "peak_rss_mib", "fsync_on_events_per_second",
    ];

    [Fact]
    public async Task BenchIngest_Json_HasEveryContractKeyWithConsistentValues()
    {
        string store = await postgres.CreateDatabaseAsync("bench_contract");
        string durable = await postgres.CreateDatabaseAsync("bench_contract_fsync");
        string home = Directory.CreateTempSubdirectory("poq-bench-contract").FullName;
        using var bench = PoqProcess.Start(
            home, "bench", "ingest", "--events", "3000", "--partitions", "4", "--rate", "600", "--latency-seconds", "5",
            "--postgres", store, "--postgres-fsync-on", durable, "--json");

        int exit = await bench.WaitForExitAsync(TimeSpan.FromMinutes(5));

        Assert.True(exit == 0, bench.Output);
        string json = bench.Output.Split('\n').Select(l => l[(l.IndexOf('{') is var i and >= 0 ? i : 0)..]).Last(l => l.StartsWith('{'));
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        foreach (string key in ContractKeys)
        {
            Assert.True(root.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.Number, $"{key} missing or not a number in {json}");
        }

        double rate = root.GetProperty("events_per_second").GetDouble();
        Assert.Equal(0, root.GetProperty("events_lost").GetInt64());
        Assert.Equal(rate / root.GetProperty("baseline_copy_per_second").GetDouble(), root.GetProperty("ratio_to_copy").GetDouble(), 9);
        Assert.Equal(rate / root.GetProperty("baseline_consume_per_second").GetDouble(), root.GetProperty("ratio_to_consume").GetDouble(), 9);
        // ÷ the smaller baseline: the larger of the two ratios.
        Assert.Equal(Math.Max(root.GetProperty("ratio_to_copy").GetDouble(), root.GetProperty("ratio_to_consume").GetDouble()), root.GetProperty("ratio").GetDouble(), 9);
        Assert.True(root.GetProperty("fsync_on_events_per_second").GetDouble() > 0);
        Assert.True(root.GetProperty("peak_rss_mib").GetDouble() >= root.GetProperty("rss_at_pipeline_start_mib").GetDouble());
        Assert.True(root.GetProperty("latency_tasks").GetInt32() > 0, json);
        Assert.InRange(root.GetProperty("p99_settle_latency_ms").GetDouble(), root.GetProperty("p50_settle_latency_ms").GetDouble(), root.GetProperty("max_settle_latency_ms").GetDouble());
        Assert.Equal(600, root.GetProperty("latency_rate_events_per_second").GetDouble());

        // The breakdown: every stage in order, each within the task latencies it is a part of.
        var stages = root.GetProperty("latency_stages").EnumerateArray().ToList();
        Assert.Equal(SettleStages.Names.Select(n => n.Name), stages.Select(s => s.GetProperty("stage").GetString()));
        double max = root.GetProperty("max_settle_latency_ms").GetDouble();
        foreach (var stage in stages)
        {
            Assert.InRange(stage.GetProperty("p50_ms").GetDouble(), 0, stage.GetProperty("p99_ms").GetDouble());
            Assert.InRange(stage.GetProperty("p99_ms").GetDouble(), 0, max);
        }
    }

    [Theory]
    [InlineData(0.50, 3.0)]
    [InlineData(0.99, 5.0)]
    [InlineData(0.20, 1.0)]
    [InlineData(0.21, 2.0)]
    public void Percentile_IsTheNearestRank(double quantile, double expected) =>
        Assert.Equal(expected, LatencyRun.Percentile([1.0, 2.0, 3.0, 4.0, 5.0], quantile));

    [Fact]
    public void Percentile_OfNothing_IsNaN() => Assert.True(double.IsNaN(LatencyRun.Percentile([], 0.99)));
}

using System.Text.Json.Serialization;

namespace PoQ.Cli.Json;

/// <summary>One stage of the settle latency in <c>poq bench ingest --json</c>: its median and 99th percentile, ms (null: no samples).</summary>
internal sealed record LatencyStageJson(
    [property: JsonPropertyName("stage")] string Stage,
    [property: JsonPropertyName("p50_ms")] double? P50Ms,
    [property: JsonPropertyName("p99_ms")] double? P99Ms);

using System.Text.Json.Serialization;

namespace PoQ.Cli.Json;

/// <summary>CPU seconds during the pipeline phase, in <see cref="IngestBenchJson"/>; null where not readable.</summary>
internal sealed record IngestCpuJson(
    [property: JsonPropertyName("process")] double? Process,
    [property: JsonPropertyName("postgres")] double? Postgres,
    [property: JsonPropertyName("machine")] double? Machine);

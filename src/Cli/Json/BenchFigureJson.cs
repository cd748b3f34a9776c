using System.Text.Json.Serialization;

namespace PoQ.Cli.Json;

/// <summary>One rule's figure in <see cref="ConsensusBenchJson"/>.</summary>
internal sealed record BenchFigureJson(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("ns_per_task")] double NanosecondsPerTask,
    [property: JsonPropertyName("tasks_per_second")] double TasksPerSecond,
    [property: JsonPropertyName("ratio_to_baseline")] double RatioToBaseline);

using System.Text.Json.Serialization;
using PoQ.Projections.Rebuild;

namespace PoQ.Cli.Json;

/// <summary>One line of <c>poq projections rebuild --json</c>: one projection rebuilt.</summary>
internal sealed record RebuildJson(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("events")] long Events,
    [property: JsonPropertyName("tasks")] long Tasks,
    [property: JsonPropertyName("rows")] long Rows,
    [property: JsonPropertyName("seconds")] double Seconds,
    [property: JsonPropertyName("tasks_per_second")] double TasksPerSecond)
{
    public static RebuildJson Of(RebuildResult result) =>
        new(result.Name, result.Events, result.Tasks, result.Rows, result.Elapsed.TotalSeconds, result.TasksPerSecond);
}

using System.Text.Json.Serialization;

namespace PoQ.Cli.Json;

/// <summary><c>poq chaos --json</c>: the clean run's facts and, per fault, how many runs held each guarantee.</summary>
internal sealed record ChaosJson(
    [property: JsonPropertyName("runs")] int Runs,
    [property: JsonPropertyName("seed")] int Seed,
    [property: JsonPropertyName("clean_tasks")] long CleanTasks,
    [property: JsonPropertyName("clean_digest")] string CleanDigest,
    [property: JsonPropertyName("faults")] IReadOnlyList<ChaosFaultJson> Faults);

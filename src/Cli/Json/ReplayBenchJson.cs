using System.Text.Json.Serialization;
using PoQ.Bench;

namespace PoQ.Cli.Json;

/// <summary><c>poq bench replay --json</c>.</summary>
internal sealed record ReplayBenchJson(
    [property: JsonPropertyName("tasks")] int Tasks,
    [property: JsonPropertyName("scores")] long Scores,
    [property: JsonPropertyName("rule")] string Rule,
    [property: JsonPropertyName("repetitions")] int Repetitions,
    [property: JsonPropertyName("raw_read_scores_per_minute")] double RawReadScoresPerMinute,
    [property: JsonPropertyName("replay_scores_per_minute")] double ReplayScoresPerMinute,
    [property: JsonPropertyName("ratio_to_raw_read")] double RatioToRawRead,
    [property: JsonPropertyName("replay_includes")] string ReplayIncludes)
{
    /// <summary>What a replay repetition does, stated beside its rate.</summary>
    public const string Includes = "read + settle + scenario write";

    public static ReplayBenchJson Of(ReplayBenchResult result) => new(
        result.Tasks, result.Scores, result.Rule, result.Repetitions, result.RawScoresPerMinute, result.ReplayScoresPerMinute, result.Ratio, Includes);
}

using System.Text.Json.Serialization;

namespace PoQ.Cli.Json;

/// <summary>The rewards paid, in <see cref="StatusJson"/>.</summary>
internal sealed record StatusRewardsJson(
    [property: JsonPropertyName("count")] long Count,
    [property: JsonPropertyName("total")] double Total,
    [property: JsonPropertyName("inference")] double Inference,
    [property: JsonPropertyName("evaluators")] double Evaluators);

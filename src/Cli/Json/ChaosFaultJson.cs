using System.Text.Json.Serialization;
using PoQ.Chaos;

namespace PoQ.Cli.Json;

/// <summary>One fault of <see cref="ChaosJson"/>.</summary>
internal sealed record ChaosFaultJson(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("runs")] int Runs,
    [property: JsonPropertyName("survived")] int Survived,
    [property: JsonPropertyName("lost")] long Lost,
    [property: JsonPropertyName("duplicates")] long Duplicates,
    [property: JsonPropertyName("digest_equal")] int DigestEqual,
    [property: JsonPropertyName("verify_clean")] int VerifyClean,
    [property: JsonPropertyName("max_rss_growth_mib")] double? MaxRssGrowthMib)
{
    public static ChaosFaultJson Of(FaultTally t, double? maxRssGrowthMib) =>
        new(t.Name, t.Runs, t.Survived, t.Lost, t.Duplicates, t.DigestEqual, t.VerifyClean, maxRssGrowthMib);
}

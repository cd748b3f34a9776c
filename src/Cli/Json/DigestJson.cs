using System.Text.Json.Serialization;
using PoQ.Settlement.Digest;

namespace PoQ.Cli.Json;

/// <summary><c>poq audit digest --json</c>.</summary>
internal sealed record DigestJson(
    [property: JsonPropertyName("tasks")] long Tasks,
    [property: JsonPropertyName("payout_total")] double PayoutTotal,
    [property: JsonPropertyName("digest")] string Digest)
{
    public static DigestJson Of(DigestResult result) => new(result.Tasks, result.PayoutTotal, result.Digest);
}

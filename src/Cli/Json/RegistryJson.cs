using System.Text.Json.Serialization;
using PoQ.Ingest.Identity.Registry;

namespace PoQ.Cli.Json;

/// <summary>One evaluator of <c>poq evaluator list --json</c>.</summary>
internal sealed record RegistryEvaluatorJson(
    [property: JsonPropertyName("evaluator")] string Evaluator,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("fingerprint")] string Fingerprint,
    [property: JsonPropertyName("since")] DateTimeOffset Since,
    [property: JsonPropertyName("registered_at")] DateTimeOffset RegisteredAt,
    [property: JsonPropertyName("changes")] int Changes)
{
    /// <summary>The JSON line of one evaluator's key history.</summary>
    public static RegistryEvaluatorJson Of(string evaluator, IReadOnlyList<KeyRecord> history)
    {
        var last = history[^1];
        return new(evaluator, last.Key is null ? "revoked" : "active", last.Fingerprint, last.EffectiveAt, history[0].EffectiveAt, history.Count);
    }
}

/// <summary><c>poq evaluator list --json</c>.</summary>
internal sealed record RegistryJson(
    [property: JsonPropertyName("evaluators")] IReadOnlyList<RegistryEvaluatorJson> Evaluators);

/// <summary><c>poq evaluator register|rotate|revoke --json</c>.</summary>
internal sealed record RegistryChangeJson(
    [property: JsonPropertyName("evaluator")] string Evaluator,
    [property: JsonPropertyName("action")] string Action,
    [property: JsonPropertyName("fingerprint")] string? Fingerprint,
    [property: JsonPropertyName("public_key")] string? PublicKey,
    [property: JsonPropertyName("key_file")] string? KeyFile,
    [property: JsonPropertyName("registry")] string Registry);

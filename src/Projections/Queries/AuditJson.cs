using System.Text.Encodings.Web;
using System.Text.Json.Serialization;
using System.Text.Json;

namespace PoQ.Projections.Queries;

/// <summary>The one JSON shape of audit output, shared by <c>poq audit --json</c> and the HTTP API: snake_case, nulls kept.</summary>
public static class AuditJson
{
    /// <summary>Serializer options: snake_case, nulls kept, non-ASCII unescaped (audit values never hold NaN: absent is null).</summary>
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions());

    /// <summary>Applies the audit conventions to options (the HTTP API configures its own instance).</summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DictionaryKeyPolicy = null;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        options.WriteIndented = false;

        // Formulas carry α, β, ĉ, −: readable in a terminal; the output is JSON, never inlined into HTML.
        options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        return options;
    }

    /// <summary>Serializes a value.</summary>
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);
}

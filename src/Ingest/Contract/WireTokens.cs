using System.Text.Json;

namespace PoQ.Ingest.Contract;

/// <summary>
/// The value readers the wire contract's hot paths (<see cref="WireScoreReader"/>, <see cref="WireTaskReader"/>) share:
/// each takes the token the reader stands on when it is of the member's JSON type (or null) and declines anything else,
/// so the serializer reads that payload and words the rejection.
/// </summary>
internal static class WireTokens
{
    // The evaluators of one task, gathered before they are copied into the message's array.
    [ThreadStatic]
    private static List<string?>? gathered;

    /// <summary>A string or null.</summary>
    public static bool TryString(ref Utf8JsonReader reader, out string? value)
    {
        value = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return reader.TokenType is JsonTokenType.String or JsonTokenType.Null;
    }

    /// <summary>A 32-bit integer or null.</summary>
    public static bool TryInt(ref Utf8JsonReader reader, out int? value)
    {
        value = null;
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out int read))
        {
            value = read;
            return true;
        }

        return reader.TokenType == JsonTokenType.Null;
    }

    /// <summary>A number that fits a finite double, or null. TryGetDouble declines the rest; the serializer then says why.</summary>
    public static bool TryDouble(ref Utf8JsonReader reader, out double? value)
    {
        value = null;
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out double read))
        {
            value = read;
            return true;
        }

        return reader.TokenType == JsonTokenType.Null;
    }

    /// <summary>The cost object (<c>latencyMs</c> at most once), or null.</summary>
    public static bool TryCost(ref Utf8JsonReader reader, out WireCost? cost)
    {
        cost = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        var read = new WireCost();
        bool latencySeen = false;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                cost = read;
                return true;
            }

            if (reader.TokenType != JsonTokenType.PropertyName || !reader.ValueTextEquals("latencyMs"u8) || latencySeen || !reader.Read())
            {
                return false;
            }

            latencySeen = true;
            if (!TryDouble(ref reader, out double? latency))
            {
                return false;
            }

            read.LatencyMs = latency;
        }

        return false;
    }

    /// <summary>An array of strings (or nulls), or null.</summary>
    public static bool TryStrings(ref Utf8JsonReader reader, out string?[]? values)
    {
        values = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        var list = gathered ??= new List<string?>(16);
        list.Clear();
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndArray)
            {
                values = [.. list];
                list.Clear();
                return true;
            }

            if (!TryString(ref reader, out string? value))
            {
                list.Clear();
                return false;
            }

            list.Add(value);
        }

        list.Clear();
        return false;
    }
}

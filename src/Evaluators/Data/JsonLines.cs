using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace PoQ.Evaluators.Data;

/// <summary>
/// Streams a gzip-compressed JSON-lines file one line at a time, so memory stays proportional to one record.
/// Any parse or shape problem becomes a <see cref="DataFormatException"/> naming the file and line.
/// </summary>
public static class JsonLines
{
    public static IEnumerable<T> ReadGzip<T>(string path, Func<JsonElement, T> parse)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(parse);
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            yield return ParseLine(path, lineNumber, line, parse);
        }
    }

    private static T ParseLine<T>(string path, int lineNumber, string line, Func<JsonElement, T> parse)
    {
        try
        {
            using var doc = JsonDocument.Parse(line);
            return parse(doc.RootElement);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException
                                       or FormatException)
        {
            throw new DataFormatException(path, lineNumber, ex.Message, ex);
        }
    }

    /// <summary>A required property, with a message naming it when absent.</summary>
    public static JsonElement Required(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value)
            ? value
            : throw new KeyNotFoundException($"missing property \"{name}\"");

    /// <summary>A required string property.</summary>
    public static string RequiredString(JsonElement obj, string name) =>
        Required(obj, name).GetString() ?? throw new InvalidOperationException($"property \"{name}\" is null");
}

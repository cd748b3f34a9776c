using System.Text.Json;

namespace PoQ.Evaluators.Data;

/// <summary>Reads <c>realsumm_abs.jsonl.gz</c> and <c>realsumm_ext.jsonl.gz</c> (see shared/data/README.md).</summary>
public static class RealSummLoader
{
    public const string AbstractiveFileName = "realsumm_abs.jsonl.gz";
    public const string ExtractiveFileName = "realsumm_ext.jsonl.gz";

    /// <summary>Stream the rows of one file.</summary>
    public static IEnumerable<RealSummRecord> Read(string path, bool extractive) =>
        JsonLines.ReadGzip(path, e => Parse(e, extractive));

    /// <summary>Abstractive rows then extractive rows from a data directory.</summary>
    public static IEnumerable<RealSummRecord> ReadAll(string dataDirectory) =>
        Read(Path.Combine(dataDirectory, AbstractiveFileName), extractive: false)
            .Concat(Read(Path.Combine(dataDirectory, ExtractiveFileName), extractive: true));

    private static RealSummRecord Parse(JsonElement e, bool extractive)
    {
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var s in JsonLines.Required(e, "scores").EnumerateObject())
        {
            scores[s.Name] = s.Value.GetDouble();
        }

        return new RealSummRecord(
            JsonLines.Required(e, "doc_id").GetInt32(),
            JsonLines.RequiredString(e, "system"),
            extractive,
            JsonLines.RequiredString(e, "reference"),
            JsonLines.RequiredString(e, "summary"),
            scores);
    }
}

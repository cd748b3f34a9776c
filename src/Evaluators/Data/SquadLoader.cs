using System.Text.Json;

namespace PoQ.Evaluators.Data;

/// <summary>Reads <c>squad11_dev_with_system_preds.jsonl.gz</c> (see shared/data/README.md).</summary>
public static class SquadLoader
{
    public const string FileName = "squad11_dev_with_system_preds.jsonl.gz";

    /// <summary>The five systems in the order of their published F1 (best first).</summary>
    public static IReadOnlyList<string> Systems { get; } =
    [
        "BERT (ensemble) (Google AI Language)",
        "r-net+ (ensemble) (Microsoft Research Asia)",
        "SLQA+ (ensemble) (Alibaba iDST NLP)",
        "Match-LSTM with Ans-Ptr (Boundary+Ensemble) (Singapore Management University)",
        "Logistic Regression Baseline (Stanford University)",
    ];

    /// <summary>Stream the examples of the file at <paramref name="path"/>.</summary>
    public static IEnumerable<SquadExample> Read(string path) => JsonLines.ReadGzip(path, Parse);

    private static SquadExample Parse(JsonElement e)
    {
        var answers = new List<string>();
        foreach (var a in JsonLines.Required(e, "answers").EnumerateArray())
        {
            answers.Add(a.GetString() ?? throw new InvalidOperationException("null answer"));
        }

        var predictions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in JsonLines.Required(e, "predictions").EnumerateObject())
        {
            // A null prediction means the system did not answer; treat it like an absent one.
            if (p.Value.ValueKind == JsonValueKind.String)
            {
                predictions[p.Name] = p.Value.GetString()!;
            }
            else if (p.Value.ValueKind != JsonValueKind.Null)
            {
                throw new InvalidOperationException($"prediction of \"{p.Name}\" is not a string");
            }
        }

        return new SquadExample(
            JsonLines.RequiredString(e, "id"),
            JsonLines.RequiredString(e, "title"),
            JsonLines.RequiredString(e, "context"),
            JsonLines.RequiredString(e, "question"),
            answers,
            predictions);
    }
}

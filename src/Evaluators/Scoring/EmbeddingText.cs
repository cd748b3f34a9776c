namespace PoQ.Evaluators.Scoring;

/// <summary>The text given to MiniLM: REALSumm's &lt;t&gt; sentence tags removed and whitespace collapsed.</summary>
public static class EmbeddingText
{
    public static string Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var stripped = text.Replace("<t>", " ", StringComparison.Ordinal).Replace("</t>", " ", StringComparison.Ordinal);
        return string.Join(' ', stripped.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }
}

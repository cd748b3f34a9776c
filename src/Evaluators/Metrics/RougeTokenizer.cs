using System.Text;

namespace PoQ.Evaluators.Metrics;

/// <summary>
/// Turns text into ROUGE sentences of tokens: sentences are the <c>&lt;t&gt;…&lt;/t&gt;</c> spans of the
/// REALSumm format (or the whole text when there are none); tokens are lowercase runs of ASCII letters and
/// digits, everything else is a separator — the tokenization of ROUGE-1.5.5.
/// </summary>
public static class RougeTokenizer
{
    private const string Open = "<t>";
    private const string Close = "</t>";

    /// <summary>Sentences of tokens; empty sentences are dropped.</summary>
    public static IReadOnlyList<string[]> Sentences(string text, RougeTokenizerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        options ??= RougeTokenizerOptions.Default;
        var result = new List<string[]>();
        foreach (var raw in SplitSentences(text))
        {
            var tokens = Tokens(raw, options);
            if (tokens.Length > 0)
            {
                result.Add(tokens);
            }
        }

        return result;
    }

    /// <summary>Tokens of a single span (no sentence handling; tags, if any, become separators).</summary>
    public static string[] Tokens(string text, RougeTokenizerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        options ??= RougeTokenizerOptions.Default;
        var tokens = new List<string>();
        var sb = new StringBuilder();
        foreach (var ch in text)
        {
            var c = char.ToLowerInvariant(ch);
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                sb.Append(c);
            }
            else if (sb.Length > 0)
            {
                tokens.Add(Finish(sb, options));
            }
        }

        if (sb.Length > 0)
        {
            tokens.Add(Finish(sb, options));
        }

        return [.. tokens];
    }

    private static string Finish(StringBuilder sb, RougeTokenizerOptions options)
    {
        var word = sb.ToString();
        sb.Clear();
        if (!options.Stem || word.Length <= options.MinLengthToStem)
        {
            return word;
        }

        return options.Exceptions is not null && options.Exceptions.TryGetValue(word, out var baseForm)
            ? baseForm
            : PorterStemmer.Stem(word);
    }

    private static IEnumerable<string> SplitSentences(string text)
    {
        var start = text.IndexOf(Open, StringComparison.Ordinal);
        if (start < 0)
        {
            yield return text;
            yield break;
        }

        while (start >= 0)
        {
            var bodyStart = start + Open.Length;
            var end = text.IndexOf(Close, bodyStart, StringComparison.Ordinal);
            if (end < 0)
            {
                // An unclosed tag: the rest is one sentence rather than silently lost.
                yield return text[bodyStart..];
                yield break;
            }

            yield return text[bodyStart..end];
            start = text.IndexOf(Open, end + Close.Length, StringComparison.Ordinal);
        }
    }
}

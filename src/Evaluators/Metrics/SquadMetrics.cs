using System.Text;

namespace PoQ.Evaluators.Metrics;

/// <summary>
/// Exact match and token-level F1 exactly as the official SQuAD evaluate-v1.1.py script computes them,
/// so our figures are comparable with the published leaderboard numbers.
/// </summary>
public static class SquadMetrics
{
    /// <summary>
    /// Lowercase, drop ASCII punctuation (Python's <c>string.punctuation</c>), drop the articles
    /// a/an/the as whole words, collapse whitespace. Order matches the official script.
    /// </summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lower = text.ToLowerInvariant();
        var noPunct = new StringBuilder(lower.Length);
        foreach (var c in lower)
        {
            if (!IsPythonPunctuation(c))
            {
                noPunct.Append(c);
            }
        }

        // The official script removes articles with the regex \b(a|an|the)\b and then splits on
        // whitespace; dropping whole tokens equal to an article is equivalent after punctuation removal
        // for ASCII word characters, which is all the articles are made of.
        var tokens = noPunct.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var kept = new List<string>(tokens.Length);
        foreach (var t in tokens)
        {
            kept.AddRange(RemoveArticlesInside(t));
        }

        return string.Join(' ', kept);
    }

    /// <summary>Tokens of the normalized text (split on whitespace).</summary>
    public static string[] NormalizedTokens(string text) =>
        Normalize(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>1 when the normalized strings are equal, else 0.</summary>
    public static double ExactMatch(string prediction, string gold) =>
        string.Equals(Normalize(prediction), Normalize(gold), StringComparison.Ordinal) ? 1.0 : 0.0;

    /// <summary>
    /// Token F1 over normalized tokens with multiset overlap. As in the official script, if either side
    /// normalizes to no tokens the overlap is 0 and F1 is 0 (even when both are empty).
    /// </summary>
    public static double F1(string prediction, string gold)
    {
        var p = NormalizedTokens(prediction);
        var g = NormalizedTokens(gold);
        var common = MultisetOverlap(p, g);
        if (common == 0)
        {
            return 0.0;
        }

        var precision = (double)common / p.Length;
        var recall = (double)common / g.Length;
        return 2 * precision * recall / (precision + recall);
    }

    /// <summary>Max of <see cref="F1"/> over the gold answers; 0 when there are none.</summary>
    public static double MaxF1(string prediction, IReadOnlyList<string> golds) => MaxOver(prediction, golds, F1);

    /// <summary>Max of <see cref="ExactMatch"/> over the gold answers; 0 when there are none.</summary>
    public static double MaxExactMatch(string prediction, IReadOnlyList<string> golds) =>
        MaxOver(prediction, golds, ExactMatch);

    private static double MaxOver(string prediction, IReadOnlyList<string> golds, Func<string, string, double> metric)
    {
        ArgumentNullException.ThrowIfNull(golds);
        var best = 0.0;
        foreach (var gold in golds)
        {
            best = Math.Max(best, metric(prediction, gold));
        }

        return best;
    }

    private static int MultisetOverlap(string[] a, string[] b)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var t in b)
        {
            counts[t] = counts.GetValueOrDefault(t) + 1;
        }

        var common = 0;
        foreach (var t in a)
        {
            if (counts.TryGetValue(t, out var n) && n > 0)
            {
                counts[t] = n - 1;
                common++;
            }
        }

        return common;
    }

    // Python's \b is a boundary between \w (Unicode letters, digits, underscore) and \W. After punctuation
    // removal a whitespace token may still contain non-word characters (e.g. "€the"), so split such a token
    // at non-word characters, drop article pieces and keep the rest glued, mirroring re.sub(..., ' ', ...).
    private static IEnumerable<string> RemoveArticlesInside(string token)
    {
        if (token is "a" or "an" or "the")
        {
            yield break;
        }

        var allWord = true;
        foreach (var c in token)
        {
            if (!IsWordChar(c))
            {
                allWord = false;
                break;
            }
        }

        if (allWord)
        {
            yield return token;
            yield break;
        }

        var sb = new StringBuilder();
        var i = 0;
        while (i < token.Length)
        {
            if (!IsWordChar(token[i]))
            {
                sb.Append(token[i]);
                i++;
                continue;
            }

            var start = i;
            while (i < token.Length && IsWordChar(token[i]))
            {
                i++;
            }

            var word = token[start..i];
            if (word is "a" or "an" or "the")
            {
                sb.Append(' ');
            }
            else
            {
                sb.Append(word);
            }
        }

        foreach (var piece in sb.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            yield return piece;
        }
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_' || char.GetUnicodeCategory(c) is
        System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark;

    // string.punctuation in Python: !"#$%&'()*+,-./:;<=>?@[\]^_`{|}~ (ASCII only, as in the official script).
    private static bool IsPythonPunctuation(char c) =>
        c is >= '!' and <= '/' or >= ':' and <= '@' or >= '[' and <= '`' or >= '{' and <= '~';
}

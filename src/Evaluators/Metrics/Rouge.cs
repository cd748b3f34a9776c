namespace PoQ.Evaluators.Metrics;

/// <summary>
/// ROUGE-N and summary-level ROUGE-L as ROUGE-1.5.5 computes them for one reference: n-grams run across
/// sentence boundaries; ROUGE-L takes, per reference sentence, the union of its LCS with every candidate
/// sentence and clips hits by the unigram counts of both texts (Lin, 2004, §3.2).
/// </summary>
public static class Rouge
{
    /// <summary>ROUGE-N of tokenized texts.</summary>
    public static RougeScore N(IReadOnlyList<string[]> candidate, IReadOnlyList<string[]> reference, int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        var candGrams = NGramCounts(candidate, n, out var candTotal);
        var refGrams = NGramCounts(reference, n, out var refTotal);
        var hits = 0;
        foreach (var (gram, count) in refGrams)
        {
            if (candGrams.TryGetValue(gram, out var c))
            {
                hits += Math.Min(count, c);
            }
        }

        return RougeScore.FromCounts(hits, refTotal, candTotal);
    }

    /// <summary>Summary-level ROUGE-L (union LCS) of tokenized texts.</summary>
    public static RougeScore L(IReadOnlyList<string[]> candidate, IReadOnlyList<string[]> reference)
    {
        var candUnigrams = NGramCounts(candidate, 1, out var candTotal);
        var refUnigrams = NGramCounts(reference, 1, out var refTotal);
        var hits = 0;
        var union = new SortedSet<int>();
        foreach (var refSentence in reference)
        {
            union.Clear();
            foreach (var candSentence in candidate)
            {
                LcsPositions(refSentence, candSentence, union);
            }

            foreach (var i in union)
            {
                var token = refSentence[i];
                if (candUnigrams.GetValueOrDefault(token) > 0 && refUnigrams.GetValueOrDefault(token) > 0)
                {
                    hits++;
                    candUnigrams[token]--;
                    refUnigrams[token]--;
                }
            }
        }

        return RougeScore.FromCounts(hits, refTotal, candTotal);
    }

    /// <summary>Tokenize both texts with <paramref name="options"/> and compute ROUGE-N (n ≥ 1) or ROUGE-L (n = 0).</summary>
    public static RougeScore Score(string candidate, string reference, int n, RougeTokenizerOptions? options = null)
    {
        var c = RougeTokenizer.Sentences(candidate, options);
        var r = RougeTokenizer.Sentences(reference, options);
        return n == 0 ? L(c, r) : N(c, r, n);
    }

    private static Dictionary<string, int> NGramCounts(IReadOnlyList<string[]> sentences, int n, out int total)
    {
        // ROUGE-1.5.5 joins the sentences of a summary before counting n-grams.
        var flatList = new List<string>();
        foreach (var s in sentences)
        {
            flatList.AddRange(s);
        }

        var flat = flatList.ToArray();

        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        total = Math.Max(0, flat.Length - n + 1);
        for (var i = 0; i < total; i++)
        {
            var key = n == 1 ? flat[i] : string.Join(' ', flat, i, n);
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        return counts;
    }

    // LCS table with ROUGE-1.5.5's tie-breaking (prefer moving up in the reference on ties), then trace back
    // and add the matched reference positions to the union.
    private static void LcsPositions(string[] reference, string[] candidate, SortedSet<int> union)
    {
        int m = reference.Length, n = candidate.Length;
        var c = new int[m + 1, n + 1];
        var dir = new byte[m + 1, n + 1];
        for (var i = 1; i <= m; i++)
        {
            for (var j = 1; j <= n; j++)
            {
                if (string.Equals(reference[i - 1], candidate[j - 1], StringComparison.Ordinal))
                {
                    c[i, j] = c[i - 1, j - 1] + 1;
                    dir[i, j] = 0;
                }
                else if (c[i - 1, j] >= c[i, j - 1])
                {
                    c[i, j] = c[i - 1, j];
                    dir[i, j] = 1;
                }
                else
                {
                    c[i, j] = c[i, j - 1];
                    dir[i, j] = 2;
                }
            }
        }

        int a = m, b = n;
        while (a > 0 && b > 0)
        {
            switch (dir[a, b])
            {
                case 0:
                    union.Add(a - 1);
                    a--;
                    b--;
                    break;
                case 1:
                    a--;
                    break;
                default:
                    b--;
                    break;
            }
        }
    }
}

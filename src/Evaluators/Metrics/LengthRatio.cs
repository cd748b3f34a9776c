namespace PoQ.Evaluators.Metrics;

/// <summary>A deliberately cheap heuristic evaluator: how close the candidate's length is to the reference's.</summary>
public static class LengthRatio
{
    /// <summary>
    /// 10 · min(c/r, r/c) with c, r the ROUGE token counts (unstemmed, tags stripped). Both empty → 10 (same
    /// length); exactly one empty → 0.
    /// </summary>
    public static double Score(string candidate, string reference)
    {
        var c = CountTokens(candidate);
        var r = CountTokens(reference);
        if (c == 0 && r == 0)
        {
            return 10.0;
        }

        if (c == 0 || r == 0)
        {
            return 0.0;
        }

        return 10.0 * Math.Min((double)c / r, (double)r / c);
    }

    private static readonly RougeTokenizerOptions Unstemmed = new() { Stem = false, Exceptions = null };

    private static int CountTokens(string text) =>
        RougeTokenizer.Sentences(text, Unstemmed).Sum(s => s.Length);
}

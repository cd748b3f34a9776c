namespace PoQ.Evaluators.Metrics;

/// <summary>Recall, precision and the balanced F-measure (ROUGE-1.5.5 with alpha = 0.5), each in [0,1].</summary>
public readonly record struct RougeScore(double Recall, double Precision, double F)
{
    /// <summary>Score from hit counts; all zero when there is no hit or either side is empty.</summary>
    public static RougeScore FromCounts(int hits, int referenceCount, int candidateCount)
    {
        if (hits == 0 || referenceCount == 0 || candidateCount == 0)
        {
            return default;
        }

        var r = (double)hits / referenceCount;
        var p = (double)hits / candidateCount;
        return new RougeScore(r, p, 2 * p * r / (p + r));
    }
}

namespace PoQ.Evaluators;

/// <summary>
/// Items (system outputs with their ground-truth proxies) and a dense item × evaluator score matrix in [0,10],
/// NaN where an evaluator does not apply (e.g. minilm-qa on summaries). Immutable.
/// </summary>
public sealed class EvaluationCorpus
{
    private readonly double[] scores;

    /// <param name="scores">Row-major: scores[item * evaluatorNames.Count + evaluator].</param>
    public EvaluationCorpus(IReadOnlyList<CorpusItem> items, IReadOnlyList<string> evaluatorNames, double[] scores,
        bool isSynthetic, string sourceDescription)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(evaluatorNames);
        ArgumentNullException.ThrowIfNull(scores);
        if (scores.Length != items.Count * evaluatorNames.Count)
        {
            throw new ArgumentException(
                $"expected {items.Count} × {evaluatorNames.Count} scores, got {scores.Length}", nameof(scores));
        }

        Items = items.ToArray();
        EvaluatorNames = evaluatorNames.ToArray();
        this.scores = (double[])scores.Clone();
        IsSynthetic = isSynthetic;
        SourceDescription = sourceDescription;
    }

    public IReadOnlyList<CorpusItem> Items { get; }

    public IReadOnlyList<string> EvaluatorNames { get; }

    /// <summary>True when the data directory was absent and the corpus was generated (see <see cref="SyntheticCorpus"/>).</summary>
    public bool IsSynthetic { get; }

    /// <summary>Human-readable origin for reports (data files and sample, or the synthetic generator and seed).</summary>
    public string SourceDescription { get; }

    /// <summary>Score in [0,10], or NaN when the evaluator does not apply to the item.</summary>
    public double Score(int itemIndex, int evaluatorIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(itemIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(itemIndex, Items.Count);
        ArgumentOutOfRangeException.ThrowIfNegative(evaluatorIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(evaluatorIndex, EvaluatorNames.Count);
        return scores[(itemIndex * EvaluatorNames.Count) + evaluatorIndex];
    }

    /// <summary>Column index of an evaluator, or -1.</summary>
    public int IndexOfEvaluator(string name)
    {
        for (var i = 0; i < EvaluatorNames.Count; i++)
        {
            if (string.Equals(EvaluatorNames[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>A copy of the row-major score matrix (for serialization and bulk analysis).</summary>
    public double[] CopyScores() => (double[])scores.Clone();
}

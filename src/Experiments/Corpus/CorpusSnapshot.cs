namespace PoQ.Experiments.Corpus;

/// <summary>
/// The scored corpus the experiments read: items with their ground-truth proxy and, per item, the score of every
/// evaluator (NaN where an evaluator does not apply). A plain copy of PoQ.Evaluators' <c>EvaluationCorpus</c>,
/// so the experiments and their tests do not depend on how that corpus is built.
/// </summary>
public sealed class CorpusSnapshot
{
    private readonly double[] scores;

    /// <summary>Creates the snapshot; <paramref name="scores"/> is item-major (item × evaluator).</summary>
    public CorpusSnapshot(IReadOnlyList<CorpusEntry> items, IReadOnlyList<string> evaluatorNames, double[] scores, bool isSynthetic, string sourceDescription)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(evaluatorNames);
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(sourceDescription);
        if (scores.Length != items.Count * evaluatorNames.Count)
        {
            throw new ArgumentException("scores must hold one value per item and evaluator", nameof(scores));
        }

        Items = items;
        EvaluatorNames = evaluatorNames;
        this.scores = scores;
        IsSynthetic = isSynthetic;
        SourceDescription = sourceDescription;
    }

    /// <summary>The items.</summary>
    public IReadOnlyList<CorpusEntry> Items { get; }

    /// <summary>Evaluator names, e.g. <c>minilm-ref</c>, <c>rouge-l</c>.</summary>
    public IReadOnlyList<string> EvaluatorNames { get; }

    /// <summary>True when the corpus is the seeded synthetic fallback rather than real data.</summary>
    public bool IsSynthetic { get; }

    /// <summary>Where the corpus came from, for the report.</summary>
    public string SourceDescription { get; }

    /// <summary>
    /// Token F1 of the SQuAD systems over the full dev set beside the published figures (real data only; empty when the
    /// dev set is not in the data directory): the evidence that the QA proxy measures what SQuAD measures.
    /// </summary>
    public IReadOnlyList<PoQ.Evaluators.Data.SquadSystemF1> ProxyCheck { get; init; } = [];

    /// <summary><c>real</c> or <c>synthetic</c> (the <c>data_source</c> CSV column).</summary>
    public string DataSource => IsSynthetic ? "synthetic" : "real";

    /// <summary>Score in [0, 10] of evaluator <paramref name="evaluator"/> on item <paramref name="item"/>, or NaN.</summary>
    public double Score(int item, int evaluator) => scores[(item * EvaluatorNames.Count) + evaluator];
}

namespace PoQ.Simulation.Scoring;

/// <summary>
/// What honest evaluator nodes would report: for each item, the score each evaluator model gives it
/// (NaN where a model does not apply). The simulation is pure; the experiments fill this table from the
/// real evaluators' cached scores, or from the synthetic corpus.
/// </summary>
public sealed class ScoreTable
{
    private readonly double[] scores;
    private readonly int[] systemIndex;

    /// <summary>Creates the table; <paramref name="scores"/> is item-major (item × model).</summary>
    public ScoreTable(IReadOnlyList<string> models, IReadOnlyList<ScoredItem> items, double[] scores)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(scores);
        if (models.Count == 0 || items.Count == 0)
        {
            throw new ArgumentException("a score table needs at least one model and one item");
        }

        if (scores.Length != models.Count * items.Count)
        {
            throw new ArgumentException("scores must hold one value per item and model", nameof(scores));
        }

        Models = models;
        Items = items;
        this.scores = scores;
        for (int item = 0; item < items.Count; item++)
        {
            if (ModelFor(0, item) < 0)
            {
                throw new ArgumentException($"item '{items[item].Id}' has no score from any model", nameof(scores));
            }

            if (!double.IsFinite(items[item].Proxy) || items[item].Proxy < 0 || items[item].Proxy > 10)
            {
                throw new ArgumentException($"item '{items[item].Id}': proxy must be finite and within [0, 10]", nameof(items));
            }
        }

        Systems = items.Select(i => i.System).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var lookup = Systems.Select((s, i) => (s, i)).ToDictionary(p => p.s, p => p.i, StringComparer.Ordinal);
        systemIndex = items.Select(i => lookup[i.System]).ToArray();
    }

    /// <summary>Evaluator model names, e.g. <c>minilm-ref</c>.</summary>
    public IReadOnlyList<string> Models { get; }

    /// <summary>The items.</summary>
    public IReadOnlyList<ScoredItem> Items { get; }

    /// <summary>Distinct systems (inference nodes) in ordinal order.</summary>
    public IReadOnlyList<string> Systems { get; }

    /// <summary>Score of model <paramref name="model"/> on item <paramref name="item"/>, or NaN.</summary>
    public double Score(int item, int model) => scores[(item * Models.Count) + model];

    /// <summary>Index into <see cref="Systems"/> of the item's system.</summary>
    public int SystemOf(int item) => systemIndex[item];

    /// <summary>
    /// The model an honest evaluator node uses on an item: its own model (node mod M) or, where that one does
    /// not apply, the next model that does. Returns -1 if no model scores the item.
    /// </summary>
    public int ModelFor(int evaluator, int item)
    {
        int m = Models.Count;
        for (int step = 0; step < m; step++)
        {
            int model = (evaluator + step) % m;
            if (!double.IsNaN(Score(item, model)))
            {
                return model;
            }
        }

        return -1;
    }
}

using PoQ.Simulation.Scoring;

namespace PoQ.Experiments.Corpus;

/// <summary>
/// The one place where the evaluated corpus becomes the simulation's <see cref="ScoreTable"/>: each evaluator is
/// an honest evaluator model, each item a task (kind wire name kept), its system the inference node, its proxy
/// the ground truth. Items no evaluator scored are dropped, since no honest node could report on them.
/// </summary>
public static class ScoreTableMapping
{
    /// <summary>Builds the table; throws when no item has any score.</summary>
    public static ScoreTable ToScoreTable(CorpusSnapshot corpus)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        int models = corpus.EvaluatorNames.Count;
        var items = new List<ScoredItem>(corpus.Items.Count);
        var scores = new List<double>(corpus.Items.Count * models);
        for (int i = 0; i < corpus.Items.Count; i++)
        {
            bool scored = false;
            for (int m = 0; m < models; m++)
            {
                scored |= double.IsFinite(corpus.Score(i, m));
            }

            var entry = corpus.Items[i];
            if (!scored || !double.IsFinite(entry.Proxy))
            {
                continue;
            }

            items.Add(new ScoredItem(entry.Id, entry.Task, entry.System, Math.Clamp(entry.Proxy, 0, 10)));
            for (int m = 0; m < models; m++)
            {
                double score = corpus.Score(i, m);
                scores.Add(double.IsFinite(score) ? Math.Clamp(score, 0, 10) : double.NaN);
            }
        }

        if (items.Count == 0)
        {
            throw new InvalidOperationException("the corpus has no item scored by any evaluator");
        }

        return new ScoreTable(corpus.EvaluatorNames, items, [.. scores]);
    }
}

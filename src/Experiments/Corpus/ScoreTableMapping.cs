using PoQ.Experiments.Reliability;
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
    public static ScoreTable ToScoreTable(CorpusSnapshot corpus) => ToScoreTable(corpus, static (_, _) => false);

    /// <summary>
    /// The table with the evaluators that are functions of a task kind's proxy (<see cref="ProxyCircularity"/>) left out
    /// on that kind: honest nodes whose model they were fall back to the next model that applies
    /// (<see cref="ScoreTable.ModelFor"/>). Items keep their order, so the same seed draws the same tasks.
    /// </summary>
    public static ScoreTable WithoutCircularEvaluators(CorpusSnapshot corpus)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        return ToScoreTable(corpus, (task, evaluator) => ProxyCircularity.WithProxy(task, corpus.EvaluatorNames[evaluator]) is not null);
    }

    private static ScoreTable ToScoreTable(CorpusSnapshot corpus, Func<string, int, bool> leaveOut)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        int models = corpus.EvaluatorNames.Count;
        var items = new List<ScoredItem>(corpus.Items.Count);
        var scores = new List<double>(corpus.Items.Count * models);
        for (int i = 0; i < corpus.Items.Count; i++)
        {
            bool scored = false;
            var entry = corpus.Items[i];
            for (int m = 0; m < models; m++)
            {
                scored |= double.IsFinite(Score(corpus, i, m, leaveOut));
            }

            if (!scored || !double.IsFinite(entry.Proxy))
            {
                continue;
            }

            items.Add(new ScoredItem(entry.Id, entry.Task, entry.System, Math.Clamp(entry.Proxy, 0, 10)));
            for (int m = 0; m < models; m++)
            {
                double score = Score(corpus, i, m, leaveOut);
                scores.Add(double.IsFinite(score) ? Math.Clamp(score, 0, 10) : double.NaN);
            }
        }

        if (items.Count == 0)
        {
            throw new InvalidOperationException("the corpus has no item scored by any evaluator");
        }

        return new ScoreTable(corpus.EvaluatorNames, items, [.. scores]);
    }

    private static double Score(CorpusSnapshot corpus, int item, int evaluator, Func<string, int, bool> leaveOut) =>
        leaveOut(corpus.Items[item].Task, evaluator) ? double.NaN : corpus.Score(item, evaluator);
}

using PoQ.Experiments.Corpus;
using PoQ.Simulation.Statistics;

namespace PoQ.Experiments.Reliability;

/// <summary>
/// Finding (1) input: how well each evaluator tracks the ground-truth proxy on each task kind, and the mean proxy
/// of each system. Rows come out in a fixed order (evaluators as in the corpus, tasks ordinal; then systems).
/// </summary>
public static class ReliabilityAnalysis
{
    /// <summary>Computes evaluator × task rows followed by task × system rows.</summary>
    public static IReadOnlyList<ReliabilityRow> Analyze(CorpusSnapshot corpus)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        var tasks = corpus.Items.Select(i => i.Task).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var evaluatorRows = new List<ReliabilityRow>();
        for (int e = 0; e < corpus.EvaluatorNames.Count; e++)
        {
            foreach (string task in tasks)
            {
                var scores = new List<double>();
                var proxies = new List<double>();
                var secondScores = new List<double>();
                var seconds = new List<double>();
                for (int i = 0; i < corpus.Items.Count; i++)
                {
                    var item = corpus.Items[i];
                    double score = corpus.Score(i, e);
                    if (item.Task != task || !double.IsFinite(score) || !double.IsFinite(item.Proxy))
                    {
                        continue;
                    }

                    scores.Add(score);
                    proxies.Add(item.Proxy);
                    if (item.SecondProxy is double second && double.IsFinite(second))
                    {
                        secondScores.Add(score);
                        seconds.Add(second);
                    }
                }

                if (scores.Count == 0)
                {
                    continue;
                }

                evaluatorRows.Add(new ReliabilityRow
                {
                    RowType = "evaluator",
                    Evaluator = corpus.EvaluatorNames[e],
                    Task = task,
                    System = string.Empty,
                    Count = scores.Count,
                    Pearson = Correlation.Pearson([.. scores], [.. proxies]),
                    Spearman = Correlation.Spearman([.. scores], [.. proxies]),
                    Mae = MeanAbsoluteError(scores, proxies),
                    MeanScore = Mean(scores),
                    MeanProxy = Mean(proxies),
                    PearsonSecondProxy = Correlation.Pearson([.. secondScores], [.. seconds]),
                    SignInversion = false,
                });
            }
        }

        var rows = evaluatorRows.Select(row => row with { SignInversion = InvertsSign(row, evaluatorRows) }).ToList();
        foreach (string task in tasks)
        {
            foreach (var group in corpus.Items.Where(i => i.Task == task && double.IsFinite(i.Proxy))
                .GroupBy(i => i.System, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var proxies = group.Select(i => i.Proxy).ToList();
                rows.Add(new ReliabilityRow
                {
                    RowType = "system",
                    Evaluator = string.Empty,
                    Task = task,
                    System = group.Key,
                    Count = proxies.Count,
                    Pearson = double.NaN,
                    Spearman = double.NaN,
                    Mae = double.NaN,
                    MeanScore = double.NaN,
                    MeanProxy = Mean(proxies),
                    PearsonSecondProxy = double.NaN,
                    SignInversion = false,
                });
            }
        }

        return rows;
    }

    private static bool InvertsSign(ReliabilityRow row, List<ReliabilityRow> all) =>
        all.Any(other => other.Evaluator == row.Evaluator && other.Task != row.Task && CorrelationInversion.Between(row.Pearson, other.Pearson));

    private static double Mean(List<double> values)
    {
        double sum = 0;
        foreach (double value in values)
        {
            sum += value;
        }

        return values.Count == 0 ? double.NaN : sum / values.Count;
    }

    private static double MeanAbsoluteError(List<double> scores, List<double> proxies)
    {
        double sum = 0;
        for (int i = 0; i < scores.Count; i++)
        {
            sum += Math.Abs(scores[i] - proxies[i]);
        }

        return sum / scores.Count;
    }
}

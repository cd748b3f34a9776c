using PoQ.Experiments.Corpus;
using PoQ.Simulation.Statistics;

namespace PoQ.Experiments.Reliability;

/// <summary>
/// Finding (1) input: how well each evaluator tracks the ground-truth proxy on each task kind, and the mean proxy
/// of each system. Rows come out in a fixed order (evaluators as in the corpus, tasks ordinal; then systems).
/// </summary>
public static class ReliabilityAnalysis
{
    /// <summary>
    /// Computes evaluator × task rows followed by task × system rows. Each evaluator's Pearson carries a 95 % bootstrap
    /// interval over the task kind's items (<paramref name="resamples"/> replicates seeded by <paramref name="seed"/>);
    /// all evaluators of a task kind are resampled with the same draws, so a difference between them is paired.
    /// </summary>
    public static IReadOnlyList<ReliabilityRow> Analyze(CorpusSnapshot corpus, ulong seed, int resamples)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        var tasks = corpus.Items.Select(i => i.Task).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var itemsOf = tasks.ToDictionary(
            task => task,
            task => Enumerable.Range(0, corpus.Items.Count).Where(i => corpus.Items[i].Task == task && double.IsFinite(corpus.Items[i].Proxy)).ToArray(),
            StringComparer.Ordinal);
        var plans = itemsOf.Where(p => p.Value.Length > 0).ToDictionary(p => p.Key, p => new BootstrapPlan(seed, p.Value.Length, resamples), StringComparer.Ordinal);
        var evaluatorRows = new List<ReliabilityRow>();
        for (int e = 0; e < corpus.EvaluatorNames.Count; e++)
        {
            foreach (string task in tasks)
            {
                var scores = new List<double>();
                var proxies = new List<double>();
                var secondScores = new List<double>();
                var seconds = new List<double>();
                foreach (int i in itemsOf[task])
                {
                    var item = corpus.Items[i];
                    double score = corpus.Score(i, e);
                    if (!double.IsFinite(score))
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

                string evaluator = corpus.EvaluatorNames[e];
                evaluatorRows.Add(new ReliabilityRow
                {
                    RowType = "evaluator",
                    Evaluator = evaluator,
                    Task = task,
                    System = string.Empty,
                    Count = scores.Count,
                    Pearson = Correlation.Pearson([.. scores], [.. proxies]),
                    PearsonEstimate = plans[task].Of(draw => PearsonOn(corpus, itemsOf[task], e, draw)),
                    Spearman = Correlation.Spearman([.. scores], [.. proxies]),
                    Mae = MeanAbsoluteError(scores, proxies),
                    MeanScore = Mean(scores),
                    MeanProxy = Mean(proxies),
                    PearsonSecondProxy = Correlation.Pearson([.. secondScores], [.. seconds]),
                    ProxyCircular = ProxyCircularity.WithProxy(task, evaluator) is not null,
                    SecondProxyCircular = ProxyCircularity.WithSecondProxy(task, evaluator) is not null,
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
        all.Any(other => other.Evaluator == row.Evaluator && other.Task != row.Task && CorrelationInversion.Between(row.PearsonEstimate!, other.PearsonEstimate!));

    // Pearson of one evaluator against the proxy over the drawn items (positions into the task kind's items) it scored.
    private static double PearsonOn(CorpusSnapshot corpus, int[] items, int evaluator, ReadOnlySpan<int> draw)
    {
        var scores = new double[draw.Length];
        var proxies = new double[draw.Length];
        int n = 0;
        foreach (int position in draw)
        {
            int item = items[position];
            double score = corpus.Score(item, evaluator);
            if (double.IsFinite(score))
            {
                scores[n] = score;
                proxies[n] = corpus.Items[item].Proxy;
                n++;
            }
        }

        return Correlation.Pearson(scores.AsSpan(0, n), proxies.AsSpan(0, n));
    }

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

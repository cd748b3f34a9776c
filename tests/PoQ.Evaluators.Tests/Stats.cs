namespace PoQ.Evaluators.Tests;

internal static class Stats
{
    /// <summary>Pearson correlation between an evaluator column and the proxy over items of one kind (NaN skipped).</summary>
    public static double Pearson(EvaluationCorpus c, int evaluator, TaskKind kind)
    {
        var xs = new List<double>();
        var ys = new List<double>();
        for (var i = 0; i < c.Items.Count; i++)
        {
            var s = c.Score(i, evaluator);
            if (c.Items[i].Kind == kind && !double.IsNaN(s))
            {
                xs.Add(s);
                ys.Add(c.Items[i].Proxy);
            }
        }

        double mx = xs.Average(), my = ys.Average(), sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < xs.Count; i++)
        {
            sxy += (xs[i] - mx) * (ys[i] - my);
            sxx += (xs[i] - mx) * (xs[i] - mx);
            syy += (ys[i] - my) * (ys[i] - my);
        }

        return sxy / Math.Sqrt(sxx * syy);
    }
}

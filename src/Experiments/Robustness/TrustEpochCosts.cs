using System.Globalization;

namespace PoQ.Experiments.Robustness;

/// <summary>Pairs every trust-weighted run at a trust epoch with its sequential counterpart, and summarises the cost.</summary>
public static class TrustEpochCosts
{
    /// <summary>
    /// One cost per trust-weighted row whose epoch differs from the reference (the smallest swept epoch, 0 unless the
    /// sweep left sequential out), in grid order; empty when only one epoch was swept.
    /// </summary>
    public static IReadOnlyList<TrustEpochCost> Of(RobustnessResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var reference = result.PaperRows.ToDictionary(r => (r.Rule, r.Attack, r.MaliciousRatio, r.K));
        return
        [
            .. result.Rows
                .Where(r => r.TrustEpoch != result.PaperTrustEpoch && double.IsFinite(r.Metrics.HonestTrustMean))
                .Where(r => reference.ContainsKey((r.Rule, r.Attack, r.MaliciousRatio, r.K)))
                .Select(r => new TrustEpochCost(r, reference[(r.Rule, r.Attack, r.MaliciousRatio, r.K)])),
        ];
    }

    /// <summary>Per rule and epoch (grid order): the mean and worst MAE cost and the mean payout changes over attacks, ρ and k.</summary>
    public static IReadOnlyList<TrustEpochSummary> Summarise(IReadOnlyList<TrustEpochCost> costs)
    {
        ArgumentNullException.ThrowIfNull(costs);
        return
        [
            .. costs.GroupBy(c => (c.Epoch.Rule, c.Epoch.TrustEpoch)).Select(g => new TrustEpochSummary(
                g.Key.Rule,
                g.Key.TrustEpoch,
                g.Count(),
                g.Average(c => c.MaeCost),
                g.MaxBy(c => c.MaeCost)!,
                g.Average(c => c.Sequential.Metrics.Mae),
                FiniteMean(g.Select(c => c.InferencePayoutChange)),
                FiniteMean(g.Select(c => c.EvaluatorPayoutChange)),
                FiniteMean(g.Select(c => c.MaliciousShareChange)))),
        ];
    }

    /// <summary>A trust epoch as people read it: "sequential" or "E tasks/evaluator".</summary>
    public static string Describe(double epoch) =>
        epoch == 0 ? "sequential" : string.Create(CultureInfo.InvariantCulture, $"{epoch:0.###} tasks/evaluator");

    private static double FiniteMean(IEnumerable<double> values)
    {
        var finite = values.Where(double.IsFinite).ToArray();
        return finite.Length == 0 ? double.NaN : finite.Average();
    }
}

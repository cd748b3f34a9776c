using PoQ.Experiments.Reliability;
using static PoQ.Experiments.Findings.Figures;

namespace PoQ.Experiments.Findings;

/// <summary>
/// Finding (1): evaluator reliability varies strongly and can invert between QA and summarization.
/// Criterion: the spread (max − min) of Pearson over evaluator × task is at least
/// <see cref="FindingCriteria.MinPearsonSpread"/>, and at least one inversion between the two task kinds occurs —
/// an evaluator whose Pearson changes sign, or a pair of evaluators whose order by Pearson flips — counting only
/// correlations with |r| ≥ <see cref="FindingCriteria.MinInversionMagnitude"/> (sign flips) or a gap of at least
/// that much on both tasks (order flips).
/// </summary>
public static class ReliabilityFinding
{
    /// <summary>The paper's statement.</summary>
    public const string Statement = "Evaluator reliability varies strongly and can invert between QA and summarization.";

    /// <summary>Evaluates the finding on reliability rows (system rows are ignored).</summary>
    public static FindingResult Evaluate(IReadOnlyList<ReliabilityRow> rows, FindingCriteria criteria)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(criteria);
        double m = criteria.MinInversionMagnitude;
        string criterion = I($"max − min Pearson over evaluator × task ≥ {criteria.MinPearsonSpread}, and at least one QA↔summarization inversion: an evaluator's Pearson changes sign (both |r| ≥ {m}) or two evaluators swap order (gap ≥ {m} on both tasks).");
        var measured = rows.Where(r => r.RowType == "evaluator" && double.IsFinite(r.Pearson)).ToList();
        if (measured.Count < 2)
        {
            return new FindingResult(1, Statement, FindingVerdict.NotEvaluated, criterion, ["fewer than two evaluator × task correlations were measured"]);
        }

        var evidence = new List<string>();
        var best = measured.MaxBy(r => r.Pearson)!;
        var worst = measured.MinBy(r => r.Pearson)!;
        double spread = best.Pearson - worst.Pearson;
        evidence.Add(I($"Pearson ranges from {F(worst.Pearson)} ({worst.Evaluator}, {worst.Task}) to {F(best.Pearson)} ({best.Evaluator}, {best.Task}): spread {F(spread)} (needed ≥ {F(criteria.MinPearsonSpread, 2)})."));

        var byEvaluator = measured.Where(r => r.Task is "qa" or "summarization")
            .GroupBy(r => r.Evaluator, StringComparer.Ordinal)
            .Where(g => g.Count() == 2)
            .Select(g => (Name: g.Key, Qa: g.Single(r => r.Task == "qa").Pearson, Sum: g.Single(r => r.Task == "summarization").Pearson))
            .ToList();
        var signFlips = byEvaluator.Where(e => e.Qa * e.Sum < 0 && Math.Abs(e.Qa) >= m && Math.Abs(e.Sum) >= m).ToList();
        foreach (var flip in signFlips)
        {
            evidence.Add(I($"sign inversion: {flip.Name} r = {F(flip.Qa)} on QA vs {F(flip.Sum)} on summarization."));
        }

        var orderFlips = new List<string>();
        for (int a = 0; a < byEvaluator.Count; a++)
        {
            for (int b = a + 1; b < byEvaluator.Count; b++)
            {
                var (x, y) = (byEvaluator[a], byEvaluator[b]);
                double qaGap = x.Qa - y.Qa;
                double sumGap = x.Sum - y.Sum;
                if (qaGap * sumGap < 0 && Math.Abs(qaGap) >= m && Math.Abs(sumGap) >= m)
                {
                    orderFlips.Add(I($"{x.Name} vs {y.Name} (QA {F(x.Qa)} vs {F(y.Qa)}; summarization {F(x.Sum)} vs {F(y.Sum)})"));
                }
            }
        }

        evidence.Add(I($"{byEvaluator.Count} evaluators apply to both task kinds; {signFlips.Count} sign inversion(s), {orderFlips.Count} order inversion(s)") +
            (orderFlips.Count > 0 ? ": " + string.Join("; ", orderFlips.Take(5)) + (orderFlips.Count > 5 ? "; …" : string.Empty) + "." : "."));

        bool held = spread >= criteria.MinPearsonSpread && (signFlips.Count + orderFlips.Count) > 0;
        return new FindingResult(1, Statement, held ? FindingVerdict.Held : FindingVerdict.DidNotHold, criterion, evidence);
    }
}

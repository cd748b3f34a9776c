using PoQ.Experiments.Reliability;
using static PoQ.Experiments.Findings.Figures;

namespace PoQ.Experiments.Findings;

/// <summary>
/// Finding (1): evaluator reliability varies strongly and can invert between QA and summarization.
/// Criterion: the spread (max − min) of Pearson over evaluator × task is at least
/// <see cref="FindingCriteria.MinPearsonSpread"/>, and at least one evaluator's Pearson changes sign between the two
/// task kinds with |r| ≥ <see cref="CorrelationInversion.MinAbsPearson"/> on both (<see cref="CorrelationInversion"/>).
/// Two evaluators swapping ranks is not an inversion: the paper speaks of correlations changing sign.
/// On the synthetic fallback corpus the finding is measured but not judged: its <c>synthetic-inverting</c> evaluator
/// inverts by construction, so a verdict would describe the generator, not real evaluators.
/// </summary>
public static class ReliabilityFinding
{
    /// <summary>The paper's statement.</summary>
    public const string Statement = "Evaluator reliability varies strongly and can invert between QA and summarization.";

    /// <summary>The reason shown in the verdict on the synthetic corpus.</summary>
    public const string SyntheticData = "synthetic data";

    /// <summary>Evaluates the finding on reliability rows (system rows are ignored).</summary>
    /// <param name="rows">The reliability rows.</param>
    /// <param name="criteria">The thresholds.</param>
    /// <param name="syntheticData">True when the rows come from the seeded synthetic corpus (<c>CorpusSnapshot.IsSynthetic</c>).</param>
    public static FindingResult Evaluate(IReadOnlyList<ReliabilityRow> rows, FindingCriteria criteria, bool syntheticData)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(criteria);
        double floor = CorrelationInversion.MinAbsPearson;
        string criterion = I($"max − min Pearson over evaluator × task ≥ {criteria.MinPearsonSpread}, and at least one QA↔summarization inversion: an evaluator whose Pearson with the proxy changes sign, with |r| ≥ {floor} on both task kinds (a rank swap without a sign change is not an inversion).");
        var measured = rows.Where(r => r.RowType == "evaluator" && double.IsFinite(r.Pearson)).ToList();
        if (measured.Count < 2)
        {
            return Judged(new FindingResult(1, Statement, FindingVerdict.NotEvaluated, criterion, ["fewer than two evaluator × task correlations were measured"]), syntheticData);
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
        var inversions = byEvaluator.Where(e => CorrelationInversion.Between(e.Qa, e.Sum)).ToList();
        foreach (var inversion in inversions)
        {
            evidence.Add(I($"inversion: {inversion.Name} r = {F(inversion.Qa)} on QA vs {F(inversion.Sum)} on summarization."));
        }

        int belowFloor = byEvaluator.Count(e => e.Qa * e.Sum < 0) - inversions.Count;
        evidence.Add(I($"{byEvaluator.Count} evaluators apply to both task kinds; {inversions.Count} inversion(s) with |r| ≥ {F(floor, 2)} on both") +
            (belowFloor > 0 ? I($"; {belowFloor} sign change(s) below that floor, not counted.") : "."));

        bool held = spread >= criteria.MinPearsonSpread && inversions.Count > 0;
        return Judged(new FindingResult(1, Statement, held ? FindingVerdict.Held : FindingVerdict.DidNotHold, criterion, evidence), syntheticData);
    }

    // The figures stay in the report; only the verdict is withheld, and the evidence says why.
    private static FindingResult Judged(FindingResult result, bool syntheticData) => !syntheticData ? result : result with
    {
        Verdict = FindingVerdict.NotEvaluated,
        NotEvaluatedBecause = SyntheticData,
        Evidence = [.. result.Evidence, "not judged: the corpus is the seeded synthetic fallback, whose synthetic-inverting evaluator inverts by construction; run on real data for a verdict."],
    };
}

using PoQ.Experiments.Reliability;
using PoQ.Simulation.Statistics;
using static PoQ.Experiments.Findings.Figures;

namespace PoQ.Experiments.Findings;

/// <summary>
/// Finding (1): evaluator reliability varies strongly and can invert between QA and summarization.
/// Criterion, at the edges of 95 % bootstrap intervals over items: the spread (max − min) of Pearson over evaluator ×
/// task has its lower edge at least <see cref="FindingCriteria.MinPearsonSpread"/>, and at least one evaluator's
/// Pearson changes sign between the two task kinds with both intervals clear of ± <see cref="CorrelationInversion.MinAbsPearson"/>
/// (<see cref="CorrelationInversion"/>). Evaluators that are functions of a task kind's proxy
/// (<see cref="ProxyCircularity"/>) are shown but not judged there: their agreement is the proxy agreeing with itself.
/// Two evaluators swapping ranks is not an inversion: the paper speaks of correlations changing sign. On the synthetic
/// fallback corpus the finding is measured but not judged: its <c>synthetic-inverting</c> evaluator inverts by
/// construction, so a verdict would describe the generator, not real evaluators.
/// </summary>
public static class ReliabilityFinding
{
    /// <summary>The paper's statement.</summary>
    public const string Statement = "Evaluator reliability varies strongly and can invert between QA and summarization.";

    /// <summary>The reason shown in the verdict on the synthetic corpus.</summary>
    public const string SyntheticData = "synthetic data";

    /// <summary>Evaluates the finding on reliability rows (system rows are ignored).</summary>
    /// <param name="rows">The reliability rows; evaluator rows carry <see cref="ReliabilityRow.PearsonEstimate"/>.</param>
    /// <param name="criteria">The thresholds.</param>
    /// <param name="syntheticData">True when the rows come from the seeded synthetic corpus (<c>CorpusSnapshot.IsSynthetic</c>).</param>
    public static FindingResult Evaluate(IReadOnlyList<ReliabilityRow> rows, FindingCriteria criteria, bool syntheticData)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(criteria);
        double floor = CorrelationInversion.MinAbsPearson;
        string criterion = I($"at the edges of 95 % bootstrap intervals over items: the lower edge of max − min Pearson over evaluator × task ≥ {criteria.MinPearsonSpread}, and at least one QA↔summarization inversion: an evaluator whose Pearson with the proxy changes sign, one interval entirely ≥ +{floor} and the other entirely ≤ −{floor} (a rank swap without a sign change is not an inversion). Evaluators that are functions of a task kind's proxy are left out of the judgement on that kind.");
        var evaluatorRows = rows.Where(r => r.RowType == "evaluator" && double.IsFinite(r.Pearson)).ToList();
        var circular = evaluatorRows.Where(r => r.ProxyCircular).ToList();
        var measured = evaluatorRows.Where(r => !r.ProxyCircular).ToList();
        if (measured.Count < 2)
        {
            return Judged(new FindingResult(1, Statement, FindingVerdict.NotEvaluated, criterion, ["fewer than two evaluator × task correlations were measured"]), syntheticData);
        }

        var evidence = new List<string>();
        if (circular.Count > 0)
        {
            evidence.Add("left out as functions of the proxy (shown in the table, marked circular): " + string.Join(", ", circular.Select(r => I($"{r.Evaluator} on {r.Task} (r = {F(r.Pearson)})"))) + ".");
        }

        var best = measured.MaxBy(r => r.Pearson)!;
        var worst = measured.MinBy(r => r.Pearson)!;
        var spread = Estimate.Combine([.. measured.Select(EstimateOf)], values => values.Max() - values.Min());
        bool varies = spread.Low >= criteria.MinPearsonSpread;
        evidence.Add(I($"Pearson ranges from {Ci(EstimateOf(worst))} ({worst.Evaluator}, {worst.Task}) to {Ci(EstimateOf(best))} ({best.Evaluator}, {best.Task}): spread {Ci(spread)} (lower edge needed ≥ {F(criteria.MinPearsonSpread, 2)})."));

        var byEvaluator = measured.Where(r => r.Task is "qa" or "summarization")
            .GroupBy(r => r.Evaluator, StringComparer.Ordinal)
            .Where(g => g.Count() == 2)
            .Select(g => (Name: g.Key, Qa: EstimateOf(g.Single(r => r.Task == "qa")), Sum: EstimateOf(g.Single(r => r.Task == "summarization"))))
            .ToList();
        var inversions = byEvaluator.Where(e => CorrelationInversion.Between(e.Qa, e.Sum)).ToList();
        foreach (var inversion in inversions)
        {
            evidence.Add(I($"inversion: {inversion.Name} r = {Ci(inversion.Qa)} on QA vs {Ci(inversion.Sum)} on summarization."));
        }

        int pointOnly = byEvaluator.Count(e => CorrelationInversion.Between(e.Qa.Value, e.Sum.Value)) - inversions.Count;
        int belowFloor = byEvaluator.Count(e => e.Qa.Value * e.Sum.Value < 0 && !CorrelationInversion.Between(e.Qa.Value, e.Sum.Value));
        evidence.Add(I($"{byEvaluator.Count} evaluators apply to both task kinds; {inversions.Count} inversion(s) clear of ±{F(floor, 2)} at the interval edges") +
            (pointOnly > 0 ? I($"; {pointOnly} sign change(s) clear of the floor only at the point estimate, not counted") : string.Empty) +
            (belowFloor > 0 ? I($"; {belowFloor} sign change(s) below that floor, not counted.") : "."));

        bool held = varies && inversions.Count > 0;
        string headline = I($"Pearson spread {Ci(spread, 2)}; ") + (inversions.Count == 0
            ? "no inversion at the interval edges"
            : string.Join("; ", inversions.Select(e => I($"{e.Name} {Ci(e.Qa, 2)} on QA vs {Ci(e.Sum, 2)} on summarization"))));
        var shortfalls = new List<string>();
        if (!varies)
        {
            shortfalls.Add(I($"the spread's lower edge {F(spread.Low)} is below {F(criteria.MinPearsonSpread, 2)}"));
        }

        if (inversions.Count == 0)
        {
            shortfalls.Add(pointOnly > 0 ? "sign changes exist at the point estimates but no interval clears the floor" : "no evaluator's correlation changes sign between QA and summarization");
        }

        return Judged(new FindingResult(1, Statement, held ? FindingVerdict.Held : FindingVerdict.DidNotHold, criterion, evidence) { Headline = headline, Shortfalls = shortfalls }, syntheticData);
    }

    private static Estimate EstimateOf(ReliabilityRow row) =>
        row.PearsonEstimate ?? throw new ArgumentException($"reliability row {row.Evaluator}/{row.Task} has no bootstrap estimate", nameof(row));

    // The figures stay in the report; only the verdict is withheld, and the evidence says why.
    private static FindingResult Judged(FindingResult result, bool syntheticData) => !syntheticData ? result : result with
    {
        Verdict = FindingVerdict.NotEvaluated,
        NotEvaluatedBecause = SyntheticData,
        Evidence = [.. result.Evidence, "not judged: the corpus is the seeded synthetic fallback, whose synthetic-inverting evaluator inverts by construction; run on real data for a verdict."],
    };
}

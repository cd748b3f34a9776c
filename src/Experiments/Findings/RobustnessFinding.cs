using PoQ.Experiments.Robustness;
using PoQ.Simulation.Statistics;
using static PoQ.Experiments.Findings.Figures;

namespace PoQ.Experiments.Findings;

/// <summary>
/// Finding (2): median, trimmed and trust beat the mean in alignment with the ground truth under the four paper
/// attacks as ρ grows. Criterion, at the reference k, for each robust rule R and paper attack A, at the edges of paired
/// 95 % bootstrap intervals over tasks: at the largest ρ the advantage MAE(mean) − MAE(R) has its lower edge above 0,
/// and the growth of that advantage from the smallest to the largest ρ has its lower edge above 0. Held when every
/// (R, A) pair passes. The runs share their tasks (common random numbers), so each difference is bootstrapped paired.
/// </summary>
public static class RobustnessFinding
{
    /// <summary>The paper's statement.</summary>
    public const string Statement = "Median, trimmed and trust beat the mean in alignment with the ground truth under noise, boost, sabotage and intermittent attacks as ρ grows.";

    /// <summary>The rules the paper calls robust.</summary>
    public static IReadOnlyList<string> RobustRules { get; } = ["median", "trimmed", "trust"];

    /// <summary>The paper's four attacks.</summary>
    public static IReadOnlyList<string> PaperAttacks { get; } = ["noise", "boost", "sabotage", "intermittent"];

    /// <summary>Evaluates the finding on robustness rows.</summary>
    /// <param name="rows">The rows at the paper's trust epoch.</param>
    /// <param name="criteria">The thresholds.</param>
    /// <param name="nonCircular">The same slice without evaluators that are functions of the proxy; reported beside, never judged.</param>
    public static FindingResult Evaluate(IReadOnlyList<RobustnessRow> rows, FindingCriteria criteria, IReadOnlyList<RobustnessRow>? nonCircular = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(criteria);
        int k = ReferenceK(rows, criteria);
        string criterion = I($"at k = {k}, for each robust rule R ∈ {{median, trimmed, trust}} and each attack A ∈ {{noise, boost, sabotage, intermittent}}, at the edges of paired 95 % bootstrap intervals over tasks: the advantage MAE(mean) − MAE(R) at the largest ρ is above 0 at its lower edge, and its growth from the smallest to the largest ρ is above 0 at its lower edge. Held when all pairs pass.");
        var pairs = Pairs(rows, k);
        if (pairs.Evaluated.Count == 0)
        {
            return new FindingResult(2, Statement, FindingVerdict.NotEvaluated, criterion, ["the sweep lacks the mean or the robust rules, the paper's attacks, or two ρ values at the reference k"]);
        }

        var evidence = new List<string>();
        foreach (var pair in pairs.Evaluated)
        {
            evidence.Add(I($"{pair.Attack}, {pair.Rule}: MAE at ρ = {F(pair.High, 1)} is {Ci(pair.RuleMae)} vs mean {Ci(pair.MeanMae)}; advantage {Ci(pair.AdvantageHigh)}, its growth from ρ = {F(pair.Low, 1)} {Ci(pair.Growth)} — {(pair.Passes ? "pass" : "fail")}."));
        }

        int passed = pairs.Evaluated.Count(p => p.Passes);
        int evaluated = pairs.Evaluated.Count;
        evidence.Insert(0, I($"{passed} of {evaluated} (rule, attack) pairs pass both parts; the advantage at the largest ρ is above 0 at its lower edge in {pairs.Evaluated.Count(p => p.Beats)} of {evaluated}; its growth with ρ in {pairs.Evaluated.Count(p => p.Grows)} of {evaluated}") +
            (pairs.Missing.Count > 0 ? $"; not in the sweep: {string.Join(", ", pairs.Missing)}." : "."));
        if (nonCircular is { Count: > 0 })
        {
            var honest = Pairs(nonCircular, k).Evaluated;
            evidence.Add(I($"without the evaluators that are functions of the QA proxy (reported, not judged): {honest.Count(p => p.Passes)} of {honest.Count} pairs pass; QA-only MAE per rule is in the alignment table."));
        }

        bool held = passed == evaluated && pairs.Missing.Count == 0;
        var weakest = pairs.Evaluated.MinBy(p => p.AdvantageHigh.Low)!;
        string headline = I($"{passed} of {evaluated} (rule, attack) pairs pass; weakest advantage at ρ = {F(weakest.High, 1)}: {weakest.Rule} under {weakest.Attack}, {Ci(weakest.AdvantageHigh)} MAE");
        var shortfalls = pairs.Evaluated.Where(p => !p.Passes)
            .Select(p => I($"{p.Rule} under {p.Attack}: ") + (p.Beats ? I($"its advantage does not grow with ρ ({Ci(p.Growth)})") : I($"does not beat the mean at ρ = {F(p.High, 1)} ({Ci(p.AdvantageHigh)})")))
            .Concat(pairs.Missing.Select(m => $"{m} not in the sweep"))
            .ToList();
        return new FindingResult(2, Statement, held ? FindingVerdict.Held : FindingVerdict.DidNotHold, criterion, evidence) { Headline = headline, Shortfalls = shortfalls };
    }

    /// <summary>
    /// MAE(mean) − MAE(<paramref name="rule"/>) under <paramref name="attack"/> at k and ρ, with its paired interval, or
    /// null when either run is not in <paramref name="rows"/> — the advantage the criterion reads.
    /// </summary>
    public static Estimate? AdvantageOverMean(IReadOnlyList<RobustnessRow> rows, string rule, string attack, int k, double rho)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return Series(rows, "mean", attack, k).TryGetValue(rho, out var mean) && Series(rows, rule, attack, k).TryGetValue(rho, out var robust)
            ? mean - robust
            : null;
    }

    private static int ReferenceK(IReadOnlyList<RobustnessRow> rows, FindingCriteria criteria)
    {
        var ks = rows.Select(r => r.K).Distinct().Order().ToArray();
        return ks.Contains(criteria.ReferenceK) || ks.Length == 0 ? criteria.ReferenceK : ks[ks.Length / 2];
    }

    private static (List<Pair> Evaluated, List<string> Missing) Pairs(IReadOnlyList<RobustnessRow> rows, int k)
    {
        var evaluated = new List<Pair>();
        var missing = new List<string>();
        foreach (string attack in PaperAttacks)
        {
            var mean = Series(rows, "mean", attack, k);
            foreach (string rule in RobustRules)
            {
                var robust = Series(rows, rule, attack, k);
                var common = mean.Keys.Intersect(robust.Keys).Order().ToArray();
                if (common.Length < 2)
                {
                    missing.Add($"{rule}/{attack}");
                    continue;
                }

                double low = common[0];
                double high = common[^1];
                var advantageHigh = mean[high] - robust[high];
                var growth = advantageHigh - (mean[low] - robust[low]);
                evaluated.Add(new Pair(rule, attack, low, high, robust[high], mean[high], advantageHigh, growth));
            }
        }

        return (evaluated, missing);
    }

    private static Dictionary<double, Estimate> Series(IReadOnlyList<RobustnessRow> rows, string rule, string attack, int k) =>
        rows.Where(r => r.Rule == rule && r.Attack == attack && r.K == k).ToDictionary(r => r.MaliciousRatio, r => r.Alignment.Mae);

    private sealed record Pair(string Rule, string Attack, double Low, double High, Estimate RuleMae, Estimate MeanMae, Estimate AdvantageHigh, Estimate Growth)
    {
        public bool Beats => AdvantageHigh.Low > 0;

        public bool Grows => Growth.Low > 0;

        public bool Passes => Beats && Grows;
    }
}

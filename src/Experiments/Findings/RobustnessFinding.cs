using PoQ.Experiments.Robustness;
using static PoQ.Experiments.Findings.Figures;

namespace PoQ.Experiments.Findings;

/// <summary>
/// Finding (2): median, trimmed and trust beat the mean in alignment with the ground truth under the four paper
/// attacks as ρ grows. Criterion, at the reference k, for each robust rule R and paper attack A: at the largest ρ
/// MAE(R) &lt; MAE(mean), and R's advantage MAE(mean) − MAE(R) is larger at the largest ρ than at the smallest.
/// Held when every (R, A) pair passes.
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
    public static FindingResult Evaluate(IReadOnlyList<RobustnessRow> rows, FindingCriteria criteria)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(criteria);
        var ks = rows.Select(r => r.K).Distinct().Order().ToArray();
        int k = ks.Contains(criteria.ReferenceK) || ks.Length == 0 ? criteria.ReferenceK : ks[ks.Length / 2];
        string criterion = I($"at k = {k}, for each robust rule R ∈ {{median, trimmed, trust}} and each attack A ∈ {{noise, boost, sabotage, intermittent}}: MAE(R) < MAE(mean) at the largest ρ, and the advantage MAE(mean) − MAE(R) is larger at the largest ρ than at the smallest ρ. Held when all pairs pass.");
        var evidence = new List<string>();
        int passed = 0;
        int evaluated = 0;
        int beatsAtHigh = 0;
        int advantageGrows = 0;
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
                double gapLow = mean[low] - robust[low];
                double gapHigh = mean[high] - robust[high];
                bool beats = robust[high] < mean[high];
                bool grows = gapHigh > gapLow;
                bool ok = beats && grows;
                evaluated++;
                beatsAtHigh += beats ? 1 : 0;
                advantageGrows += grows ? 1 : 0;
                passed += ok ? 1 : 0;
                evidence.Add(I($"{attack}, {rule}: MAE at ρ = {F(high, 1)} is {F(robust[high])} vs mean {F(mean[high])}; advantage {F(gapLow)} at ρ = {F(low, 1)} → {F(gapHigh)} — {(ok ? "pass" : "fail")}."));
            }
        }

        if (evaluated == 0)
        {
            return new FindingResult(2, Statement, FindingVerdict.NotEvaluated, criterion, ["the sweep lacks the mean or the robust rules, the paper's attacks, or two ρ values at the reference k"]);
        }

        evidence.Insert(0, I($"{passed} of {evaluated} (rule, attack) pairs pass both parts; MAE(R) < MAE(mean) at the largest ρ in {beatsAtHigh} of {evaluated}; the advantage grows with ρ in {advantageGrows} of {evaluated}") + (missing.Count > 0 ? $"; not in the sweep: {string.Join(", ", missing)}." : "."));
        bool held = passed == evaluated && missing.Count == 0;
        return new FindingResult(2, Statement, held ? FindingVerdict.Held : FindingVerdict.DidNotHold, criterion, evidence);
    }

    private static Dictionary<double, double> Series(IReadOnlyList<RobustnessRow> rows, string rule, string attack, int k) =>
        rows.Where(r => r.Rule == rule && r.Attack == attack && r.K == k).ToDictionary(r => r.MaliciousRatio, r => r.Metrics.Mae);
}

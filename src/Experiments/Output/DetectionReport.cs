using System.Text;
using PoQ.Experiments.Detection;
using PoQ.Settlement.Detection;
using static PoQ.Experiments.Findings.Figures;

namespace PoQ.Experiments.Output;

/// <summary>The detection section of report.md (issue 10, item 3).</summary>
internal static class DetectionReport
{
    public static void Append(StringBuilder md, ExperimentResult result)
    {
        if (result.Detection is not { Count: > 0 } rows)
        {
            return;
        }

        void Line(string text = "") => md.Append(text).Append('\n');
        var defaults = new DetectionOptions();
        var first = rows[0];
        Line();
        Line("## Collusion and copy detection (detection.csv, detection.png)");
        Line();
        Line(I($"Per attack × ρ: a run of {first.Rounds} tasks (rule {first.Rule}, k = {first.K}) records its verdicts; `PoQ.Settlement.Detection.Detector` flags evaluators from them; a second run on the same seed (same tasks and honest draws) settles with the flagged evaluators' trust weight multiplied by flagged_weight = {F(first.FlaggedWeight, 2)}. Flags are in-sample: they come from the tasks they then down-weight."));
        Line();
        Line(I($"- Collusion: per pair of co-sampled evaluators, the tasks on which they agree within {F(defaults.AgreementTolerance, 2)} while both lie ≥ {F(defaults.MinDeviation, 1)} from the consensus, tested (binomial upper tail) against the rate of the population of pairs (pooled over the pairs not yet significant, at least {F(defaults.BaselineFloor, 2)}) and counted only when their deviations from consensus correlate ≥ {F(defaults.MinCorrelation, 2)}; ties at the same bound (0 or 10) are tested apart, per task on which at least one of the two is there, against 1/3 — the most honest clamping gives even two evaluators running one model; cartels are connected groups of significant pairs."));
        Line(I($"- Copy: per evaluator, the tasks on which its score equals the node's previous consensus, tested the same way against the population of evaluators; its median latency relative to the population's is reported beside it."));
        Line(I($"- Thresholds: Bonferroni at α = {F(defaults.FalseFlagRate, 2)} per kind (α / (2 · pairs tested) for the two pair tests, α / evaluators tested), so under the honest model no honest evaluator is flagged with probability ≥ 1 − α per kind. Target: false-flag rate among honest evaluators ≤ 1 %."));
        Line();
        Line("| attack | ρ | malicious | flagged | precision | recall | false-flag rate | attacker payout | down-weighted | change | MAE → down-weighted |");
        Line("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in rows)
        {
            double change = r.AttackerPayout == 0 ? double.NaN : (r.AttackerPayoutDownweighted - r.AttackerPayout) / Math.Abs(r.AttackerPayout);
            Line(I($"| {r.Attack} | {F(r.MaliciousRatio, 2)} | {r.Malicious} | {r.Flagged} | {F(r.Precision, 2)} | {F(r.Recall, 2)} | {F(r.FalseFlagRate * 100, 1)} % | {F(r.AttackerPayout, 1)} | {F(r.AttackerPayoutDownweighted, 1)} | {F(change * 100, 1)} % | {F(r.Mae, 3)} → {F(r.MaeDownweighted, 3)} |"));
        }

        int falseFlags = rows.Sum(r => r.FalsePositives);
        int honest = rows.Sum(r => r.Honest);
        Line();
        Line(I($"Honest evaluators flagged over all rows: {falseFlags} of {honest} ({F(100.0 * falseFlags / Math.Max(1, honest), 2)} %); the target is ≤ 1 %: {(falseFlags <= 0.01 * honest ? "met" : "**not met**")}."));
    }
}

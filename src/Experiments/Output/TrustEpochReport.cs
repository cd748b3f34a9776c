using System.Text;
using PoQ.Experiments.Robustness;
using static PoQ.Experiments.Findings.Figures;

namespace PoQ.Experiments.Output;

/// <summary>report.md's section on what determinism costs: epoch trust against the sequential update.</summary>
internal static class TrustEpochReport
{
    public static void Append(StringBuilder md, IReadOnlyList<TrustEpochCost> costs, double reference)
    {
        void Line(string text = "") => md.Append(text).Append('\n');

        Line();
        Line(I($"## What determinism costs: trust epochs against {TrustEpochCosts.Describe(reference)} trust (trust_epochs.csv, trust_epochs.png)"));
        Line();
        Line("The pipeline folds trust once per epoch of log time, so payouts do not depend on processing order; the paper's " +
             "sequential update evolves trust after every task. Each row compares the same seeded tasks, scores and attacks " +
             "settled both ways through the same settlement chain, over every attack, ρ and k swept. A trust epoch of E tasks " +
             "per evaluator lasts about E·N/k tasks; a task settles against the trust folded two epochs back (as in the pipeline).");
        Line();
        Line("| rule | trust epoch | configurations | mean MAE (reference) | mean MAE cost | worst MAE cost (attack, ρ, k) | inference payout change | evaluator payout change | malicious share change |");
        Line("|---|---|---|---|---|---|---|---|---|");
        foreach (var s in TrustEpochCosts.Summarise(costs))
        {
            var worst = s.WorstMaeCost.Epoch;
            Line(I($"| {s.Rule} | {TrustEpochCosts.Describe(s.TrustEpoch)} | {s.Configurations} | {F(s.MeanSequentialMae)} | {Signed(s.MeanMaeCost)} | {Signed(s.WorstMaeCost.MaeCost)} ({worst.Attack}, {F(worst.MaliciousRatio, 1)}, {worst.K}) | {Pct(s.MeanInferencePayoutChange)} | {Pct(s.MeanEvaluatorPayoutChange)} | {Points(s.MeanMaliciousShareChange)} |"));
        }
    }

    private static string Signed(double value) => double.IsFinite(value) ? (value >= 0 ? "+" : "") + F(value, 4) : "—";

    private static string Points(double value) => double.IsFinite(value) ? I($"{(value >= 0 ? "+" : "")}{value * 100:0.00} pp") : "—";
}

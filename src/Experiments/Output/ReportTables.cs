using System.Text;
using PoQ.Experiments.Reliability;
using PoQ.Experiments.Robustness;
using static PoQ.Experiments.Findings.Figures;

namespace PoQ.Experiments.Output;

/// <summary>The compact tables at the end of report.md.</summary>
internal static class ReportTables
{
    public static void Append(StringBuilder md, ExperimentResult result)
    {
        void Line(string text = "") => md.Append(text).Append('\n');

        if (result.Reliability is { } reliability)
        {
            Line();
            Line("## Reliability (reliability.csv, reliability.png)");
            Line();
            Line(I($"| evaluator | task | n | Pearson | Spearman | MAE | sign inversion (\\|r\\| ≥ {CorrelationInversion.MinAbsPearson} on both task kinds) |"));
            Line("|---|---|---|---|---|---|---|");
            foreach (var row in reliability.Where(r => r.RowType == "evaluator"))
            {
                Line(I($"| {row.Evaluator} | {row.Task} | {row.Count} | {F(row.Pearson)} | {F(row.Spearman)} | {F(row.Mae, 2)} | {(row.SignInversion ? "yes" : "no")} |"));
            }

            if (result.Corpus.ProxyCheck.Count > 0)
            {
                Line();
                Line("Proxy check — the QA proxy (token F1) over the full SQuAD dev set, beside the leaderboard:");
                Line();
                Line("| system | questions | answered | F1 (ours) | F1 (published) | difference |");
                Line("|---|---|---|---|---|---|");
                foreach (var check in result.Corpus.ProxyCheck)
                {
                    Line(I($"| {check.System} | {check.Questions} | {check.Answered} | {F(check.F1, 2)} | {F(check.PublishedF1, 1)} | {check.Difference:+0.00;-0.00;0.00} |"));
                }
            }

            Line();
            Line("Mean proxy per system:");
            Line();
            Line("| task | system | n | mean proxy |");
            Line("|---|---|---|---|");
            foreach (var row in reliability.Where(r => r.RowType == "system"))
            {
                Line(I($"| {row.Task} | {row.System} | {row.Count} | {F(row.MeanProxy, 2)} |"));
            }
        }

        if (result.Robustness is { } sweep)
        {
            var paper = sweep.PaperRows;
            int k = ExperimentRunner.ReferenceK(paper.Select(r => r.K));
            double high = paper.Max(r => r.MaliciousRatio);
            var rules = paper.Select(r => r.Rule).Distinct().ToArray();
            Line();
            Line(I($"## Robustness at k = {k}, ρ = {F(high, 1)}, trust epoch {TrustEpochCosts.Describe(sweep.PaperTrustEpoch)} (robustness.csv, robustness_mae.png, robustness_pearson.png)"));
            Line();
            Line("MAE of the consensus against the proxy (lower is better); best rule per attack in bold.");
            Line();
            Line("| attack | " + string.Join(" | ", rules) + " |");
            Line("|---|" + string.Concat(rules.Select(_ => "---|")));
            foreach (var attack in paper.Select(r => r.Attack).Distinct())
            {
                var cells = rules.Select(rule => paper.FirstOrDefault(r => r.Rule == rule && r.Attack == attack && r.K == k && r.MaliciousRatio == high)?.Metrics.Mae ?? double.NaN).ToArray();
                double best = cells.Where(double.IsFinite).DefaultIfEmpty(double.NaN).Min();
                Line($"| {attack} | " + string.Join(" | ", cells.Select(c => c == best ? $"**{F(c)}**" : F(c))) + " |");
            }

            Line();
            Line("Payout inflation of the inference payout against ρ = 0 (same rule, attack, k):");
            Line();
            Line("| attack | " + string.Join(" | ", rules) + " |");
            Line("|---|" + string.Concat(rules.Select(_ => "---|")));
            foreach (var attack in paper.Select(r => r.Attack).Distinct())
            {
                Line($"| {attack} | " + string.Join(" | ", rules.Select(rule => Pct(paper.FirstOrDefault(r => r.Rule == rule && r.Attack == attack && r.K == k && r.MaliciousRatio == high)?.PayoutInflation ?? double.NaN))) + " |");
            }
        }

        if (result.Robustness is { } epochs && TrustEpochCosts.Of(epochs) is { Count: > 0 } costs)
        {
            TrustEpochReport.Append(md, costs, epochs.PaperTrustEpoch);
        }

        if (result.Sampling is { } sampling)
        {
            Line();
            Line("## Sampling (sampling.csv, sampling_rewards.png)");
            Line();
            Line("| reward mode | k | evaluator reward mean | evaluator reward variance | inference reward mean | inference reward variance | payoff variance across evaluators |");
            Line("|---|---|---|---|---|---|---|");
            foreach (var row in sampling)
            {
                Line(I($"| {row.RewardMode} | {row.K} | {F(row.Metrics.EvaluatorRewardMean, 4)} | {F(row.EvaluatorRewardVariance, 5)} | {F(row.Metrics.InferenceRewardMean, 4)} | {F(row.InferenceRewardVariance, 5)} | {F(row.EvaluatorPayoffVariance, 1)} |"));
            }
        }
    }
}

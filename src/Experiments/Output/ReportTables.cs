using System.Text;
using PoQ.Experiments.Findings;
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
            Line(I($"| evaluator | task | n | Pearson [95 % interval] | Spearman | MAE | sign inversion (\\|r\\| ≥ {CorrelationInversion.MinAbsPearson} at both interval edges) | circular |"));
            Line("|---|---|---|---|---|---|---|---|");
            foreach (var row in reliability.Where(r => r.RowType == "evaluator"))
            {
                string pearson = row.PearsonEstimate is { } estimate ? Ci(estimate) : F(row.Pearson);
                string circular = row.ProxyCircular ? "**yes** — a function of the proxy" : row.SecondProxyCircular ? "second proxy only" : "no";
                Line(I($"| {row.Evaluator} | {row.Task} | {row.Count} | {pearson} | {F(row.Spearman)} | {F(row.Mae, 2)} | {(row.SignInversion ? "yes" : "no")} | {circular} |"));
            }

            var circularRows = reliability.Where(r => r.RowType == "evaluator" && (r.ProxyCircular || r.SecondProxyCircular)).ToList();
            if (circularRows.Count > 0)
            {
                Line();
                Line("Circular rows measure the proxy against itself, not the evaluator's reliability:");
                Line();
                foreach (var row in circularRows)
                {
                    string why = ProxyCircularity.WithProxy(row.Task, row.Evaluator) ?? ProxyCircularity.WithSecondProxy(row.Task, row.Evaluator)!;
                    string which = row.ProxyCircular ? "proxy" : I($"second proxy (pearson_second_proxy = {F(row.PearsonSecondProxy)})");
                    Line(I($"- {row.Evaluator} on {row.Task}, against the {which}: {why}."));
                }
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
            Line("MAE of the consensus against the proxy (lower is better) with its 95 % interval; best rule per attack in bold.");
            Line();
            Line("| attack | " + string.Join(" | ", rules) + " |");
            Line("|---|" + string.Concat(rules.Select(_ => "---|")));
            foreach (var attack in paper.Select(r => r.Attack).Distinct())
            {
                var cells = rules.Select(rule => paper.FirstOrDefault(r => r.Rule == rule && r.Attack == attack && r.K == k && r.MaliciousRatio == high)).ToArray();
                double best = cells.Where(c => c is not null).Select(c => c!.Metrics.Mae).DefaultIfEmpty(double.NaN).Min();
                Line($"| {attack} | " + string.Join(" | ", cells.Select(c => c is null ? "n/a" : c.Metrics.Mae == best ? $"**{Ci(c.Alignment.Mae, 2)}**" : Ci(c.Alignment.Mae, 2))) + " |");
            }

            AlignmentByTask(md, paper, sweep.NonCircularRows, k, high);

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
            Line("| reward mode | k | evaluator reward per report [95 %] | evaluator reward variance | inference reward mean [95 %] | inference reward variance | payoff variance across evaluators [95 %] |");
            Line("|---|---|---|---|---|---|---|");
            foreach (var row in sampling)
            {
                Line(I($"| {row.RewardMode} | {row.K} | {Ci(row.Rewards.EvaluatorRewardPerReport, 4)} | {F(row.EvaluatorRewardVariance, 5)} | {Ci(row.Rewards.InferenceRewardMean, 4)} | {F(row.InferenceRewardVariance, 5)} | {Ci(row.Rewards.EvaluatorPayoffVariance, 1)} |"));
            }
        }
    }

    // Alignment per task type at the reference k and the largest ρ: on QA with every evaluator and without those that
    // are functions of the QA proxy, and on summarization.
    private static void AlignmentByTask(StringBuilder md, IReadOnlyList<RobustnessRow> paper, IReadOnlyList<RobustnessRow> nonCircular, int k, double high)
    {
        void Line(string text = "") => md.Append(text).Append('\n');
        Line();
        Line(I($"Alignment per task type at k = {k}, ρ = {F(high, 1)} (MAE [95 %]). On QA the proxy is token F1, and {string.Join(" and ", ProxyCircularity.CircularOn("qa"))} are functions of it: with them the QA consensus is partly judged against itself, so QA is shown with and without them (robustness_noncircular.csv). Finding 2 is judged with every evaluator, as the paper's set-up has them."));
        Line();
        Line("| attack | rule | all tasks | QA | QA without circular evaluators | summarization |");
        Line("|---|---|---|---|---|---|");
        foreach (var row in paper.Where(r => r.K == k && r.MaliciousRatio == high && RobustnessFinding.PaperAttacks.Contains(r.Attack)).OrderBy(r => RobustnessFinding.PaperAttacks.ToList().IndexOf(r.Attack)))
        {
            var honest = nonCircular.FirstOrDefault(r => r.Rule == row.Rule && r.Attack == row.Attack && r.K == k && r.MaliciousRatio == high);
            Line(I($"| {row.Attack} | {row.Rule} | {Ci(row.Alignment.Mae, 2)} | {Cell(row.Alignment.MaeOn("qa"))} | {Cell(honest?.Alignment.MaeOn("qa"))} | {Cell(row.Alignment.MaeOn("summarization"))} |"));
        }
    }

    private static string Cell(PoQ.Simulation.Statistics.Estimate? estimate) => estimate is null ? "n/a" : Ci(estimate, 2);
}

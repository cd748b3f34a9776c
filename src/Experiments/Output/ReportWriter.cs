using System.Text;
using PoQ.Experiments.Findings;
using static PoQ.Experiments.Findings.Figures;

namespace PoQ.Experiments.Output;

/// <summary>
/// report.md: data source, settings, definitions, each finding's verdict with its criterion and the measured
/// figures, then compact tables. Verdicts come only from <see cref="FindingResult"/>, never from text here.
/// </summary>
public static class ReportWriter
{
    /// <summary>The Markdown text.</summary>
    public static string Write(ExperimentResult result, TimeSpan? corpusTime = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var o = result.Options;
        var md = new StringBuilder();
        void Line(string text = "") => md.Append(text).Append('\n');

        Line("# PoQ experiments — report");
        Line();
        Line("## Data");
        Line(result.Corpus.IsSynthetic
            ? "**Synthetic fallback** — no real data directory was found, so these numbers describe the seeded synthetic corpus, not real evaluators."
            : "**Real data**, scored by the real evaluators.");
        Line();
        Line($"- Source: {result.Corpus.SourceDescription}");
        Line(I($"- Items: {result.Corpus.Items.Count} ({string.Join(", ", result.Corpus.Items.GroupBy(i => i.Task).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => I($"{g.Count()} {g.Key}")))}); systems (inference nodes): {result.Corpus.Items.Select(i => i.System).Distinct().Count()}; evaluators: {string.Join(", ", result.Corpus.EvaluatorNames)}"));
        if (corpusTime is { } loading)
        {
            Line(I($"- Corpus load/scoring time: {loading.TotalSeconds:F1} s"));
        }

        Line();
        Line("## Settings");
        Line(I($"- Rounds per run: {o.Rounds}; seed: {o.Seed}; evaluator pool N = {o.PoolSize}."));
        Line(I($"- Robustness grid: rules {string.Join(", ", o.Rules)}; attacks {string.Join(", ", o.Attacks)}; ρ ∈ {{{string.Join(", ", o.MaliciousRatios.Select(r => F(r, 1)))}}}; k ∈ {{{string.Join(", ", o.Ks)}}}; trust epochs {string.Join(", ", o.TrustEpochs.Select(PoQ.Experiments.Robustness.TrustEpochCosts.Describe))} (the findings are judged at {PoQ.Experiments.Robustness.TrustEpochCosts.Describe(o.PaperTrustEpoch)})."));
        Line(I($"- Sampling: k ∈ {{{string.Join(", ", o.SamplingKs)}}} × reward mode {{linear, budget}}, rule {o.SamplingRule}, attack {o.SamplingAttack}, ρ = {F(o.SamplingMaliciousRatio, 2)} (ours)."));
        Line("- Definitions: MAE, Pearson and Spearman compare each task's consensus with its ground-truth proxy. Evaluator rewards are per report, inference rewards per task. " +
             "**payout_inflation** = (P_ρ − P_0) / |P_0|, where P is the total inference payout (Σ inference rewards) of a run and P_0 that of the ρ = 0 run with the same rule, attack and k (same seed, so the same tasks). " +
             "**malicious_payout_share** = Σ rewards to malicious evaluators / Σ evaluator rewards.");
        Line("- Common random numbers: runs with the same seed draw the same tasks, evaluator samples (a smaller k takes the first evaluators of a larger k's sample), honest jitter and latencies, whatever ρ, k, rule, attack and trust epoch; ρ changes only which evaluators are malicious (nested sets: more ρ adds evaluators), the attack only their reports. Rows differ by what changed, not by different draws.");
        Line(I($"- Intervals: every figure behind a finding carries a 95 % bootstrap interval (percentile, shifted by the bootstrap estimate of bias), {o.BootstrapResamples} replicates over tasks (runs) or items (reliability), seeded from the seed; every run is resampled with the same draws, so differences between runs (which share their tasks) are paired. A finding holds only when its criterion holds at the interval's edge. CSV columns `*_ci_low`, `*_ci_high`; bands and whiskers in the plots."));
        Line("- Engine: the runs call PoQ.Simulation (`Sweep`, `SimulationRun`), which settles every task through PoQ.Settlement's `SettlementChain` — the decider and trust fold the pipeline, replay and audit verify use — unchanged.");
        if (result.Robustness is { } sweep)
        {
            Line(I($"- Robustness sweep: {sweep.Runs} runs in {sweep.Elapsed.TotalSeconds:F1} s on {Environment.ProcessorCount} cores."));
        }

        if (result.Sampling is not null)
        {
            Line(I($"- Sampling: {result.Sampling.Count} runs in {result.SamplingElapsed.TotalSeconds:F1} s."));
        }

        Line();
        Line("## The paper's three findings");
        Line();
        Line("Each verdict is computed from the numbers below with the stated criterion; the criteria, their thresholds (ours; the papers give none) and the one reward mode each finding is judged in are fixed in code (`FindingCriteria`) before any run, not tuned to one.");
        Line();
        Line("| # | finding | reward mode | verdict |");
        Line("|---|---|---|---|");
        foreach (var finding in result.Findings)
        {
            Line(I($"| {finding.Number} | {finding.Statement} | {finding.RewardMode} | **{finding.VerdictText}** |"));
        }

        PaperComparisonSection.Append(md, PaperComparison.Of(result));

        foreach (var finding in result.Findings)
        {
            Line();
            Line(I($"### Finding {finding.Number}: {finding.VerdictText}"));
            Line();
            Line($"> {finding.Statement}");
            Line();
            Line($"Criterion (fixed before the run): {finding.Criterion}");
            Line();
            Line($"Reward mode: {finding.RewardMode}.");
            Line();
            foreach (string evidence in finding.Evidence)
            {
                Line($"- {evidence}");
            }
        }

        ReportTables.Append(md, result);
        DetectionReport.Append(md, result);
        EscalationReport.Append(md, result);
        return md.ToString();
    }
}

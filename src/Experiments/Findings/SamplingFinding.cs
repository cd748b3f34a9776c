using PoQ.Experiments.Sampling;
using static PoQ.Experiments.Findings.Figures;

namespace PoQ.Experiments.Findings;

/// <summary>
/// Finding (3): larger k lowers per-evaluator rewards and raises payoff variance while inference rewards stay
/// roughly stable. Judged in one reward mode stated in advance (<see cref="FindingCriteria.SamplingRewardMode"/>),
/// from the smallest to the largest k: the mean evaluator reward per report drops by at least
/// <see cref="FindingCriteria.MinRewardDrop"/>; the variance across evaluators of their cumulative payoff — the
/// payoff variance the paper means — rises by at least <see cref="FindingCriteria.MinVarianceRise"/>; the inference
/// reward mean stays within ± <see cref="FindingCriteria.MaxInferenceDrift"/> of its mean over all k. Other modes are
/// reported beside for reference.
/// </summary>
public static class SamplingFinding
{
    /// <summary>The paper's statement.</summary>
    public const string Statement = "Larger k lowers per-evaluator rewards and raises payoff variance while inference rewards stay roughly stable.";

    /// <summary>Evaluates the finding on sampling rows.</summary>
    public static FindingResult Evaluate(IReadOnlyList<SamplingRow> rows, FindingCriteria criteria)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(criteria);
        string judged = criteria.SamplingRewardMode;
        string criterion = I($"in {judged} reward mode (fixed in advance), from the smallest to the largest k: evaluator reward mean per report drops by ≥ {criteria.MinRewardDrop * 100} %, the variance across evaluators of their cumulative payoff rises by ≥ {criteria.MinVarianceRise * 100} %, and the inference reward mean stays within ± {criteria.MaxInferenceDrift * 100} % of its mean over k.");
        var evidence = new List<string>();
        bool? held = null;
        foreach (var group in rows.GroupBy(r => r.RewardMode, StringComparer.Ordinal))
        {
            var series = group.OrderBy(r => r.K).ToList();
            if (series.Count < 2)
            {
                continue;
            }

            var (first, last) = (series[0], series[^1]);
            double rewardChange = Relative(last.Metrics.EvaluatorRewardMean, first.Metrics.EvaluatorRewardMean);
            double varianceChange = Relative(last.EvaluatorPayoffVariance, first.EvaluatorPayoffVariance);
            double inferenceMean = series.Average(r => r.Metrics.InferenceRewardMean);
            double drift = series.Max(r => Math.Abs(Relative(r.Metrics.InferenceRewardMean, inferenceMean)));
            bool lowers = rewardChange <= -criteria.MinRewardDrop;
            bool raises = varianceChange >= criteria.MinVarianceRise;
            bool stable = drift <= criteria.MaxInferenceDrift;
            bool isJudged = string.Equals(group.Key, judged, StringComparison.Ordinal);
            if (isJudged)
            {
                held = lowers && raises && stable;
            }

            evidence.Add(I($"{group.Key} mode ({(isJudged ? "judged" : "for reference")}), k = {first.K} → {last.K}: evaluator reward mean {F(first.Metrics.EvaluatorRewardMean, 4)} → {F(last.Metrics.EvaluatorRewardMean, 4)} ({Pct(rewardChange)}, {(lowers ? "lowers" : "does not lower")}); ") +
                I($"payoff variance across evaluators {F(first.EvaluatorPayoffVariance, 1)} → {F(last.EvaluatorPayoffVariance, 1)} ({Pct(varianceChange)}, {(raises ? "rises" : "does not rise")}); ") +
                I($"inference reward mean {F(first.Metrics.InferenceRewardMean, 4)} → {F(last.Metrics.InferenceRewardMean, 4)}, max drift {Pct(drift)} ({(stable ? "stable" : "not stable")}); ") +
                I($"per-report evaluator reward variance {F(first.EvaluatorRewardVariance, 4)} → {F(last.EvaluatorRewardVariance, 4)}."));
        }

        if (held is not { } verdict)
        {
            evidence.Insert(0, $"the sampling experiment has fewer than two k values in {judged} mode, the mode this finding is judged in");
            return new FindingResult(3, Statement, FindingVerdict.NotEvaluated, criterion, evidence);
        }

        evidence.Insert(0, verdict ? $"all three criteria hold in {judged} mode." : $"not all three criteria hold in {judged} mode.");
        return new FindingResult(3, Statement, verdict ? FindingVerdict.Held : FindingVerdict.DidNotHold, criterion, evidence);
    }

    private static double Relative(double value, double reference) => reference == 0 ? double.NaN : (value - reference) / Math.Abs(reference);
}

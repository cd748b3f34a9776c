using PoQ.Experiments.Sampling;
using static PoQ.Experiments.Findings.Figures;

namespace PoQ.Experiments.Findings;

/// <summary>
/// Finding (3): larger k lowers per-evaluator rewards and raises payoff variance while inference rewards stay
/// roughly stable. Criterion per reward mode, from the smallest to the largest k: the mean evaluator reward per
/// report drops by at least <see cref="FindingCriteria.MinRewardDrop"/>; the variance of the evaluator reward per
/// report rises by at least <see cref="FindingCriteria.MinVarianceRise"/>; the inference reward mean stays within
/// ± <see cref="FindingCriteria.MaxInferenceDrift"/> of its mean over all k. Held when all three hold in at least
/// one reward mode (the report names which).
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
        string criterion = I($"per reward mode, from the smallest to the largest k: evaluator reward mean per report drops by ≥ {criteria.MinRewardDrop * 100} %, evaluator reward variance per report rises by ≥ {criteria.MinVarianceRise * 100} %, and the inference reward mean stays within ± {criteria.MaxInferenceDrift * 100} % of its mean over k. Held when all three hold in at least one mode.");
        var evidence = new List<string>();
        var heldModes = new List<string>();
        foreach (var group in rows.GroupBy(r => r.RewardMode, StringComparer.Ordinal))
        {
            var series = group.OrderBy(r => r.K).ToList();
            if (series.Count < 2)
            {
                continue;
            }

            var (first, last) = (series[0], series[^1]);
            double rewardChange = Relative(last.Metrics.EvaluatorRewardMean, first.Metrics.EvaluatorRewardMean);
            double varianceChange = Relative(last.EvaluatorRewardVariance, first.EvaluatorRewardVariance);
            double inferenceMean = series.Average(r => r.Metrics.InferenceRewardMean);
            double drift = series.Max(r => Math.Abs(Relative(r.Metrics.InferenceRewardMean, inferenceMean)));
            bool lowers = rewardChange <= -criteria.MinRewardDrop;
            bool raises = varianceChange >= criteria.MinVarianceRise;
            bool stable = drift <= criteria.MaxInferenceDrift;
            if (lowers && raises && stable)
            {
                heldModes.Add(group.Key);
            }

            evidence.Add(I($"{group.Key} mode, k = {first.K} → {last.K}: evaluator reward mean {F(first.Metrics.EvaluatorRewardMean, 4)} → {F(last.Metrics.EvaluatorRewardMean, 4)} ({Pct(rewardChange)}, {(lowers ? "lowers" : "does not lower")}); ") +
                I($"evaluator reward variance {F(first.EvaluatorRewardVariance, 4)} → {F(last.EvaluatorRewardVariance, 4)} ({Pct(varianceChange)}, {(raises ? "rises" : "does not rise")}); ") +
                I($"inference reward mean {F(first.Metrics.InferenceRewardMean, 4)} → {F(last.Metrics.InferenceRewardMean, 4)}, max drift {Pct(drift)} ({(stable ? "stable" : "not stable")}); ") +
                I($"payoff variance across evaluators {F(first.EvaluatorPayoffVariance, 1)} → {F(last.EvaluatorPayoffVariance, 1)}."));
        }

        if (evidence.Count == 0)
        {
            return new FindingResult(3, Statement, FindingVerdict.NotEvaluated, criterion, ["the sampling experiment has fewer than two k values in every reward mode"]);
        }

        evidence.Insert(0, heldModes.Count > 0 ? $"all three criteria hold in: {string.Join(", ", heldModes)} mode." : "no reward mode meets all three criteria.");
        return new FindingResult(3, Statement, heldModes.Count > 0 ? FindingVerdict.Held : FindingVerdict.DidNotHold, criterion, evidence);
    }

    private static double Relative(double value, double reference) => reference == 0 ? double.NaN : (value - reference) / Math.Abs(reference);
}

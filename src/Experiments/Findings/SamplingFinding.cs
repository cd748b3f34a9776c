using PoQ.Experiments.Sampling;
using PoQ.Simulation.Statistics;
using static PoQ.Experiments.Findings.Figures;

namespace PoQ.Experiments.Findings;

/// <summary>
/// Finding (3): larger k lowers per-evaluator rewards and raises payoff variance while inference rewards stay
/// roughly stable. Judged in one reward mode stated in advance (<see cref="FindingCriteria.SamplingRewardMode"/>),
/// from the smallest to the largest k, at the edges of paired 95 % bootstrap intervals over tasks: the mean evaluator reward per report drops by at least
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
        string criterion = I($"in {judged} reward mode (fixed in advance), from the smallest to the largest k, at the edges of paired 95 % bootstrap intervals over tasks: the evaluator reward mean per report drops by ≥ {criteria.MinRewardDrop * 100} % (the interval's upper edge of the change is ≤ −{criteria.MinRewardDrop * 100} %), the variance across evaluators of their cumulative payoff rises by ≥ {criteria.MinVarianceRise * 100} % (lower edge), and the inference reward mean stays within ± {criteria.MaxInferenceDrift * 100} % of its mean over k (upper edge of the largest drift).");
        var evidence = new List<string>();
        bool? held = null;
        string headline = "—";
        var shortfalls = new List<string>();
        foreach (var group in rows.GroupBy(r => r.RewardMode, StringComparer.Ordinal))
        {
            var series = group.OrderBy(r => r.K).ToList();
            if (series.Count < 2)
            {
                continue;
            }

            var (first, last) = (series[0].Rewards, series[^1].Rewards);
            var rewardChange = Estimate.Relative(last.EvaluatorRewardPerReport, first.EvaluatorRewardPerReport);
            var varianceChange = Estimate.Relative(last.EvaluatorPayoffVariance, first.EvaluatorPayoffVariance);
            var drift = Estimate.Combine([.. series.Select(r => r.Rewards.InferenceRewardMean)], MaxDrift);
            bool lowers = rewardChange.High <= -criteria.MinRewardDrop;
            bool raises = varianceChange.Low >= criteria.MinVarianceRise;
            bool stable = drift.High <= criteria.MaxInferenceDrift;
            bool isJudged = string.Equals(group.Key, judged, StringComparison.Ordinal);
            if (isJudged)
            {
                held = lowers && raises && stable;
                shortfalls.AddRange(new[]
                {
                    lowers ? null : I($"the evaluator reward per report does not drop by {Pct(criteria.MinRewardDrop)} at the interval edge ({PctCi(rewardChange)})"),
                    raises ? null : I($"the payoff variance across evaluators does not rise by {Pct(criteria.MinVarianceRise)} at the interval edge ({PctCi(varianceChange)})"),
                    stable ? null : I($"the inference reward drifts beyond {Pct(criteria.MaxInferenceDrift)} at the interval edge ({PctCi(drift)})"),
                }.OfType<string>());
                headline = I($"k = {series[0].K} → {series[^1].K} ({judged}): reward per report {PctCi(rewardChange)}; payoff variance across evaluators {PctCi(varianceChange)}; inference drift ≤ {PctCi(drift)}");
            }

            evidence.Add(I($"{group.Key} mode ({(isJudged ? "judged" : "for reference")}), k = {series[0].K} → {series[^1].K}: evaluator reward mean per report {Ci(first.EvaluatorRewardPerReport, 4)} → {Ci(last.EvaluatorRewardPerReport, 4)}, change {PctCi(rewardChange)} ({(lowers ? "lowers" : "does not lower")}); ") +
                I($"payoff variance across evaluators {Ci(first.EvaluatorPayoffVariance, 1)} → {Ci(last.EvaluatorPayoffVariance, 1)}, change {PctCi(varianceChange)} ({(raises ? "rises" : "does not rise")}); ") +
                I($"inference reward mean {Ci(first.InferenceRewardMean, 4)} → {Ci(last.InferenceRewardMean, 4)}, largest drift from its mean over k {PctCi(drift)} ({(stable ? "stable" : "not stable")}); ") +
                I($"per-report evaluator reward variance {F(series[0].EvaluatorRewardVariance, 4)} → {F(series[^1].EvaluatorRewardVariance, 4)}."));
        }

        if (held is not { } verdict)
        {
            evidence.Insert(0, $"the sampling experiment has fewer than two k values in {judged} mode, the mode this finding is judged in");
            return new FindingResult(3, Statement, FindingVerdict.NotEvaluated, criterion, evidence) { RewardMode = judged };
        }

        evidence.Insert(0, verdict ? $"all three criteria hold at the interval edges in {judged} mode." : $"not all three criteria hold at the interval edges in {judged} mode.");
        return new FindingResult(3, Statement, verdict ? FindingVerdict.Held : FindingVerdict.DidNotHold, criterion, evidence) { RewardMode = judged, Headline = headline, Shortfalls = shortfalls };
    }

    // The largest relative distance of an inference reward mean from their mean over k.
    private static double MaxDrift(IReadOnlyList<double> means)
    {
        double average = means.Average();
        return average == 0 ? double.NaN : means.Max(m => Math.Abs(m - average) / Math.Abs(average));
    }
}

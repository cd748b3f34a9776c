using PoQ.Experiments.Findings;
using PoQ.Experiments.Reliability;
using PoQ.Experiments.Robustness;
using PoQ.Experiments.Sampling;
using PoQ.Simulation.Statistics;

namespace PoQ.Experiments.Tests;

public class FindingsTests
{
    private static readonly FindingCriteria Criteria = new();

    private static ReliabilityRow Rel(string evaluator, string task, double pearson, double halfWidth = 0.01, bool circular = false) => new()
    {
        RowType = "evaluator", Evaluator = evaluator, Task = task, System = string.Empty, Count = 100, Pearson = pearson, Spearman = pearson,
        PearsonEstimate = TestData.Est(pearson, halfWidth), Mae = 1, MeanScore = 5, MeanProxy = 5, PearsonSecondProxy = double.NaN, SignInversion = false,
        ProxyCircular = circular,
    };

    [Fact]
    public void Reliability_StrongSpreadAndSignFlip_Held()
    {
        var result = ReliabilityFinding.Evaluate([Rel("a", "qa", 0.7), Rel("a", "summarization", -0.2), Rel("b", "qa", 0.1), Rel("b", "summarization", 0.1)], Criteria, syntheticData: false);
        Assert.Equal(FindingVerdict.Held, result.Verdict);
        Assert.Contains(result.Evidence, e => e.Contains("inversion: a", StringComparison.Ordinal));
    }

    [Fact]
    public void Reliability_RankSwapWithoutSignChange_IsNotAnInversion()
    {
        // a beats b on QA (0.9 > 0.5) and loses on summarization (0.2 < 0.4): a rank swap, but every r is positive.
        // The spread 0.9 − 0.2 = 0.7 passes, so only the missing inversion can fail the finding.
        var result = ReliabilityFinding.Evaluate([Rel("a", "qa", 0.9), Rel("a", "summarization", 0.2), Rel("b", "qa", 0.5), Rel("b", "summarization", 0.4)], Criteria, syntheticData: false);
        Assert.Equal(FindingVerdict.DidNotHold, result.Verdict);
        Assert.Contains(result.Evidence, e => e.Contains("0 inversion(s)", StringComparison.Ordinal));
    }

    [Fact]
    public void Reliability_SignChangeBelowTheFloor_IsNotAnInversion()
    {
        // a: +0.7 on QA, −0.05 on summarization: the sign changes, but |−0.05| < 0.1. Spread 0.75 passes.
        var result = ReliabilityFinding.Evaluate([Rel("a", "qa", 0.7), Rel("a", "summarization", -0.05), Rel("b", "qa", 0.3), Rel("b", "summarization", 0.3)], Criteria, syntheticData: false);
        Assert.Equal(FindingVerdict.DidNotHold, result.Verdict);
        Assert.Contains(result.Evidence, e => e.Contains("1 sign change(s) below that floor", StringComparison.Ordinal));
    }

    [Fact]
    public void Reliability_SignChangeAboveTheFloor_IsAnInversion()
    {
        // The same table with −0.15 instead of −0.05: |r| ≥ 0.1 on both sides, and the intervals (± 0.0095) clear it.
        var result = ReliabilityFinding.Evaluate([Rel("a", "qa", 0.7), Rel("a", "summarization", -0.15), Rel("b", "qa", 0.3), Rel("b", "summarization", 0.3)], Criteria, syntheticData: false);
        Assert.Equal(FindingVerdict.Held, result.Verdict);
        Assert.Contains(result.Evidence, e => e.Contains("1 inversion(s)", StringComparison.Ordinal));
    }

    [Fact]
    public void Reliability_SignChangeWhoseIntervalCrossesTheFloor_IsNotAnInversion()
    {
        // −0.15 at the point, but its interval reaches −0.15 + 0.95 · 0.1 = −0.055: not clear of −0.1 at the edge.
        var result = ReliabilityFinding.Evaluate([Rel("a", "qa", 0.7), Rel("a", "summarization", -0.15, halfWidth: 0.1), Rel("b", "qa", 0.3), Rel("b", "summarization", 0.3)], Criteria, syntheticData: false);
        Assert.Equal(FindingVerdict.DidNotHold, result.Verdict);
        Assert.Contains(result.Evidence, e => e.Contains("1 sign change(s) clear of the floor only at the point estimate", StringComparison.Ordinal));
        Assert.Contains(result.Shortfalls, s => s.Contains("no interval clears the floor", StringComparison.Ordinal));
    }

    [Fact]
    public void Reliability_SpreadWhoseLowerEdgeFallsShort_DidNotHold()
    {
        // Spread 0.2 − (−0.15) = 0.35 ≥ 0.3 at the point; a's QA replicates run 0.4 → 0.0 against the others', so the
        // spread's replicates fall to about 0.15 and its lower edge is well below 0.3.
        var rows = new[]
        {
            Rel("a", "qa", 0.2) with { PearsonEstimate = TestData.Opposed(0.2, 0.2) }, Rel("a", "summarization", -0.15), Rel("b", "qa", 0.0), Rel("b", "summarization", 0.0),
        };
        var result = ReliabilityFinding.Evaluate(rows, Criteria, syntheticData: false);
        Assert.Equal(FindingVerdict.DidNotHold, result.Verdict);
        Assert.Contains(result.Shortfalls, s => s.Contains("spread's lower edge", StringComparison.Ordinal));
    }

    [Fact]
    public void Reliability_CircularEvaluator_ShownButNotJudged()
    {
        // Without the circular row (r = 0.99 on QA) the spread is 0.5 − 0.3 = 0.2 < 0.3: the circular row must not carry it.
        var rows = new[] { Rel("rouge-1", "qa", 0.99, circular: true), Rel("a", "qa", 0.5), Rel("a", "summarization", 0.3), Rel("b", "qa", 0.4), Rel("b", "summarization", 0.35) };
        var result = ReliabilityFinding.Evaluate(rows, Criteria, syntheticData: false);
        Assert.Equal(FindingVerdict.DidNotHold, result.Verdict);
        Assert.Contains(result.Evidence, e => e.StartsWith("left out as functions of the proxy", StringComparison.Ordinal) && e.Contains("rouge-1 on qa", StringComparison.Ordinal));
    }

    [Fact]
    public void Reliability_CriterionStatesTheFloor()
    {
        var result = ReliabilityFinding.Evaluate([Rel("a", "qa", 0.7), Rel("a", "summarization", -0.15)], Criteria, syntheticData: false);
        Assert.Contains("one interval entirely ≥ +0.1 and the other entirely ≤ −0.1", result.Criterion, StringComparison.Ordinal);
    }

    [Fact]
    public void Reliability_SyntheticData_MeasuredButNotJudged()
    {
        var result = ReliabilityFinding.Evaluate([Rel("a", "qa", 0.7), Rel("a", "summarization", -0.2), Rel("b", "qa", 0.1), Rel("b", "summarization", 0.1)], Criteria, syntheticData: true);
        Assert.Equal(FindingVerdict.NotEvaluated, result.Verdict);
        Assert.Equal("not evaluated (synthetic data)", result.VerdictText);
        Assert.Contains(result.Evidence, e => e.Contains("inversion: a", StringComparison.Ordinal));
    }

    [Fact]
    public void Reliability_UniformEvaluators_DidNotHold()
    {
        var result = ReliabilityFinding.Evaluate([Rel("a", "qa", 0.6), Rel("a", "summarization", 0.55), Rel("b", "qa", 0.5), Rel("b", "summarization", 0.45)], Criteria, syntheticData: false);
        Assert.Equal(FindingVerdict.DidNotHold, result.Verdict);
    }

    [Fact]
    public void Reliability_SpreadWithoutInversion_DidNotHold()
    {
        var result = ReliabilityFinding.Evaluate([Rel("a", "qa", 0.9), Rel("a", "summarization", 0.8), Rel("b", "qa", 0.3), Rel("b", "summarization", 0.2)], Criteria, syntheticData: false);
        Assert.Equal(FindingVerdict.DidNotHold, result.Verdict);
    }

    private static IEnumerable<RobustnessRow> Sweep(Func<string, double, double> mae)
    {
        foreach (string rule in new[] { "mean", "median", "trimmed", "trust" })
        {
            foreach (string attack in RobustnessFinding.PaperAttacks)
            {
                foreach (double rho in new[] { 0.0, 0.25, 0.5 })
                {
                    yield return Row(rule, attack, rho, mae(rule, rho));
                }
            }
        }
    }

    private static RobustnessRow Row(string rule, string attack, double rho, double mae, double halfWidth = 0.01) =>
        new(rule, "h", attack, rho, 5, 0, TestData.Metrics(mae: mae), 0) { Alignment = new(TestData.Est(mae, halfWidth), new Dictionary<string, Estimate>()) };

    [Fact]
    public void Robustness_AdvantageInsideTheNoise_DidNotHold()
    {
        // Every robust rule beats the mean at the point estimates (as in the held sweep), but the mean's MAE at ρ = 0.5
        // moves against the others' with ± 0.6: the advantage, 0.5 ± 0.61, has a lower edge below 0 for every pair.
        var rows = Sweep((rule, rho) => rule == "mean" ? 1 + (2 * rho) : 1 + rho)
            .Select(r => r.Rule == "mean" && r.MaliciousRatio == 0.5 ? r with { Alignment = new(TestData.Opposed(r.Metrics.Mae, 0.6), new Dictionary<string, Estimate>()) } : r)
            .ToList();
        var result = RobustnessFinding.Evaluate(rows, Criteria);
        Assert.Equal(FindingVerdict.DidNotHold, result.Verdict);
        Assert.StartsWith("0 of 12", result.Evidence[0], StringComparison.Ordinal);
        Assert.Equal(12, result.Shortfalls.Count);
    }

    [Fact]
    public void Robustness_NonCircularSlice_ReportedButNotJudged()
    {
        var held = Sweep((rule, rho) => rule == "mean" ? 1 + (2 * rho) : 1 + rho).ToList();
        var flat = Sweep((_, rho) => 1 + rho).ToList();
        var result = RobustnessFinding.Evaluate(held, Criteria, nonCircular: flat);
        Assert.Equal(FindingVerdict.Held, result.Verdict);
        Assert.Contains(result.Evidence, e => e.StartsWith("without the evaluators that are functions of the QA proxy (reported, not judged): 0 of 12", StringComparison.Ordinal));
    }

    [Fact]
    public void Robustness_RobustRulesDegradeSlower_Held()
    {
        var result = RobustnessFinding.Evaluate([.. Sweep((rule, rho) => rule == "mean" ? 1 + (2 * rho) : 1 + rho)], Criteria);
        Assert.Equal(FindingVerdict.Held, result.Verdict);
        Assert.StartsWith("12 of 12", result.Evidence[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Robustness_TrustEqualsMean_DidNotHold()
    {
        var result = RobustnessFinding.Evaluate([.. Sweep((rule, rho) => rule is "mean" or "trust" ? 1 + (2 * rho) : 1 + rho)], Criteria);
        Assert.Equal(FindingVerdict.DidNotHold, result.Verdict);
        Assert.StartsWith("8 of 12", result.Evidence[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Robustness_NoMeanRule_NotEvaluated()
    {
        var rows = Sweep((_, rho) => rho).Where(r => r.Rule != "mean").ToList();
        Assert.Equal(FindingVerdict.NotEvaluated, RobustnessFinding.Evaluate(rows, Criteria).Verdict);
    }

    private static SamplingRow Sample(string mode, int k, double evaluatorMean, double payoffStd, double inferenceMean, double relativeHalfWidth = 0.001) =>
        new("median", "noise", 0.2, k, mode, 50, TestData.Metrics(evaluatorMean: evaluatorMean, evaluatorStd: 0.1, inferenceMean: inferenceMean, payoffStd: payoffStd))
        {
            Rewards = new(
                TestData.Est(evaluatorMean, evaluatorMean * relativeHalfWidth),
                TestData.Est(payoffStd * payoffStd, payoffStd * payoffStd * relativeHalfWidth),
                TestData.Est(inferenceMean, inferenceMean * relativeHalfWidth)),
        };

    [Fact]
    public void Sampling_RewardDropInsideTheNoise_DidNotHold()
    {
        // −25 % at the point; but the k = 9 reward moves against the k = 3 one with ± 0.3, so the change's interval
        // reaches far above −1 %: the drop does not hold at the edge.
        var last = Sample("linear", 9, 0.6, 12, 0.51);
        last = last with { Rewards = last.Rewards with { EvaluatorRewardPerReport = TestData.Opposed(0.6, 0.3) } };
        var result = SamplingFinding.Evaluate([Sample("linear", 3, 0.8, 10, 0.5), last], Criteria);
        Assert.Equal(FindingVerdict.DidNotHold, result.Verdict);
        Assert.Contains(result.Shortfalls, s => s.StartsWith("the evaluator reward per report does not drop", StringComparison.Ordinal));
        Assert.Equal("linear", result.RewardMode);
    }

    [Fact]
    public void Sampling_LinearModeLowerRewardHigherPayoffVarianceStableInference_Held()
    {
        // Payoff variance across evaluators 10² → 12² (+44 %); reward 0.8 → 0.6 (−25 %); inference within 2 %.
        var result = SamplingFinding.Evaluate([Sample("linear", 3, 0.8, 10, 0.5), Sample("linear", 9, 0.6, 12, 0.51)], Criteria);
        Assert.Equal(FindingVerdict.Held, result.Verdict);
        Assert.Contains("linear", result.Evidence[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Sampling_OnlyBudgetModeMeetsTheCriteria_DidNotHold()
    {
        // Budget mode lowers per-evaluator reward by construction: it may not carry the verdict.
        var result = SamplingFinding.Evaluate(
            [Sample("linear", 3, 0.8, 10, 0.5), Sample("linear", 9, 0.8, 10, 0.5), Sample("budget", 3, 0.33, 10, 0.5), Sample("budget", 9, 0.11, 12, 0.51)], Criteria);
        Assert.Equal(FindingVerdict.DidNotHold, result.Verdict);
        Assert.Contains(result.Evidence, e => e.StartsWith("budget mode (for reference)", StringComparison.Ordinal));
    }

    [Fact]
    public void Sampling_PayoffVarianceAcrossEvaluatorsFalls_DidNotHold()
    {
        // Reward falls and inference is stable, but the spread of cumulative payoffs across evaluators narrows (12² → 10²).
        var rows = new[] { Sample("linear", 3, 0.8, 12, 0.5), Sample("linear", 9, 0.6, 10, 0.5) };
        Assert.Equal(FindingVerdict.DidNotHold, SamplingFinding.Evaluate(rows, Criteria).Verdict);
    }

    [Fact]
    public void Sampling_InferenceDrifts_DidNotHold()
    {
        var result = SamplingFinding.Evaluate([Sample("linear", 3, 0.8, 10, 0.5), Sample("linear", 9, 0.6, 12, 0.7)], Criteria);
        Assert.Equal(FindingVerdict.DidNotHold, result.Verdict);
    }

    [Fact]
    public void Sampling_JudgedModeMissing_NotEvaluated()
    {
        var result = SamplingFinding.Evaluate([Sample("budget", 3, 0.33, 10, 0.5), Sample("budget", 9, 0.11, 12, 0.51)], Criteria);
        Assert.Equal(FindingVerdict.NotEvaluated, result.Verdict);
    }
}

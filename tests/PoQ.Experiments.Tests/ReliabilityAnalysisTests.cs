using PoQ.Experiments.Corpus;
using PoQ.Experiments.Findings;
using PoQ.Experiments.Reliability;

namespace PoQ.Experiments.Tests;

public class ReliabilityAnalysisTests
{
    // One evaluator, three QA and three summarization items with proxies x = (4, 5, 6) on both kinds.
    // QA scores equal the proxies: r = +1.
    // Summarization scores y, with x − x̄ = (−1, 0, 1), Σ(x − x̄)² = 2:
    //   y = (6, 0, 5): ȳ = 11/3, y − ȳ = (7/3, −11/3, 4/3), Σ(y − ȳ)² = 186/9, Σ(x − x̄)(y − ȳ) = −7/3 + 4/3 = −1,
    //                  r = −1 / (√2 · √(186/9)) = −1 / 6.4291 ≈ −0.156 (above the 0.1 floor);
    //   y = (10, 0, 9.5): ȳ = 6.5, y − ȳ = (3.5, −6.5, 3), Σ(y − ȳ)² = 63.5, Σ(x − x̄)(y − ȳ) = −3.5 + 3 = −0.5,
    //                  r = −0.5 / (√2 · √63.5) = −0.5 / 11.269 ≈ −0.044 (below the floor).
    private static CorpusSnapshot Corpus(double[] summarizationScores, bool synthetic)
    {
        CorpusEntry Item(string id, string task, double proxy) => new(id, task, "sys", proxy, null);
        CorpusEntry[] items = [Item("q1", "qa", 4), Item("q2", "qa", 5), Item("q3", "qa", 6), Item("s1", "summarization", 4), Item("s2", "summarization", 5), Item("s3", "summarization", 6)];
        return new CorpusSnapshot(items, ["ev"], [4, 5, 6, .. summarizationScores], synthetic, "hand-built");
    }

    // 200 items per task kind with proxies 0…10: QA scores equal the proxy (r = +1), summarization scores are 10 − proxy
    // (r = −1) — every bootstrap replicate too, so both intervals are [±1, ±1], far beyond the floor.
    private static CorpusSnapshot Inverting(bool synthetic)
    {
        var items = new List<CorpusEntry>();
        var scores = new List<double>();
        foreach (string task in new[] { "qa", "summarization" })
        {
            for (int i = 0; i < 200; i++)
            {
                double proxy = i % 11;
                items.Add(new CorpusEntry($"{task}-{i}", task, "sys", proxy, null));
                scores.Add(task == "qa" ? proxy : 10 - proxy);
            }
        }

        return new CorpusSnapshot(items, ["ev"], [.. scores], synthetic, "hand-built");
    }

    private static IReadOnlyList<ReliabilityRow> Analyze(CorpusSnapshot corpus) => ReliabilityAnalysis.Analyze(corpus, seed: 42, resamples: 200);

    private static ReliabilityRow Row(IReadOnlyList<ReliabilityRow> rows, string task) => rows.Single(r => r.RowType == "evaluator" && r.Task == task);

    [Fact]
    public void Analyze_HandComputedPearson()
    {
        Assert.Equal(1.0, Row(Analyze(Corpus([6, 0, 5], synthetic: false)), "qa").Pearson, 9);
        Assert.Equal(-1 / Math.Sqrt(2 * 186.0 / 9), Row(Analyze(Corpus([6, 0, 5], synthetic: false)), "summarization").Pearson, 9);
        Assert.Equal(-0.5 / Math.Sqrt(2 * 63.5), Row(Analyze(Corpus([10, 0, 9.5], synthetic: false)), "summarization").Pearson, 9);
    }

    [Fact]
    public void Analyze_SignChangeAboveTheFloorOnThreeItems_IntervalUndefinedSoNotFlagged()
    {
        // r = +1 and −0.156 at the point, but three items cannot bound a correlation: resamples that draw one item
        // three times have no correlation, the interval is undefined, and an undefined interval clears no floor.
        var rows = Analyze(Corpus([6, 0, 5], synthetic: false));
        Assert.True(double.IsNaN(Row(rows, "summarization").PearsonEstimate!.Low));
        Assert.False(Row(rows, "qa").SignInversion);
        Assert.False(Row(rows, "summarization").SignInversion);
    }

    [Fact]
    public void Analyze_ClearInversion_FlagsBothRowsWithTheirIntervals()
    {
        var rows = Analyze(Inverting(synthetic: false));
        Assert.Equal((1.0, 1.0), (Math.Round(Row(rows, "qa").PearsonEstimate!.Low, 9), Math.Round(Row(rows, "qa").PearsonEstimate!.High, 9)));
        Assert.Equal(-1.0, Row(rows, "summarization").PearsonEstimate!.High, 9);
        Assert.True(Row(rows, "qa").SignInversion);
        Assert.True(Row(rows, "summarization").SignInversion);
    }

    [Fact]
    public void Analyze_NoisyEvaluator_IntervalContainsThePointAndNarrowsWithMoreItems()
    {
        static CorpusSnapshot Noisy(int n)
        {
            var random = new Random(5);
            var items = Enumerable.Range(0, n).Select(i => new CorpusEntry($"q{i}", "qa", "sys", i % 11, null)).ToArray();
            return new CorpusSnapshot(items, ["ev"], [.. items.Select(i => i.Proxy + (4 * random.NextDouble()))], false, "hand-built");
        }

        var small = Row(Analyze(Noisy(50)), "qa").PearsonEstimate!;
        var large = Row(Analyze(Noisy(800)), "qa").PearsonEstimate!;
        Assert.InRange(small.Value, small.Low, small.High);
        Assert.InRange(large.Value, large.Low, large.High);
        Assert.True(large.High - large.Low < (small.High - small.Low) / 2, "an interval over 16× the items must be far narrower");
    }

    [Fact]
    public void Run_SameRowsOnRealAndSyntheticData_OnlyRealDataGetsAVerdict()
    {
        // Spread 1 − (−1) ≥ 0.3 and one inversion clear of the floor: held on real data, withheld on synthetic.
        var real = ExperimentRunner.Run(Inverting(synthetic: false), TestData.Fast(), ExperimentSelection.Reliability).Findings[0];
        var synthetic = ExperimentRunner.Run(Inverting(synthetic: true), TestData.Fast(), ExperimentSelection.Reliability).Findings[0];
        Assert.Equal(FindingVerdict.Held, real.Verdict);
        Assert.Equal("not evaluated (synthetic data)", synthetic.VerdictText);
    }
}

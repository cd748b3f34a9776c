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

    private static ReliabilityRow Row(IReadOnlyList<ReliabilityRow> rows, string task) => rows.Single(r => r.RowType == "evaluator" && r.Task == task);

    [Fact]
    public void Analyze_SignChangeAboveTheFloor_FlagsBothRows()
    {
        var rows = ReliabilityAnalysis.Analyze(Corpus([6, 0, 5], synthetic: false));
        Assert.Equal(1.0, Row(rows, "qa").Pearson, 9);
        Assert.Equal(-1 / Math.Sqrt(2 * 186.0 / 9), Row(rows, "summarization").Pearson, 9);
        Assert.True(Row(rows, "qa").SignInversion);
        Assert.True(Row(rows, "summarization").SignInversion);
    }

    [Fact]
    public void Analyze_SignChangeBelowTheFloor_FlagsNeither()
    {
        var rows = ReliabilityAnalysis.Analyze(Corpus([10, 0, 9.5], synthetic: false));
        Assert.Equal(-0.5 / Math.Sqrt(2 * 63.5), Row(rows, "summarization").Pearson, 9);
        Assert.False(Row(rows, "qa").SignInversion);
        Assert.False(Row(rows, "summarization").SignInversion);
    }

    [Fact]
    public void Run_SameRowsOnRealAndSyntheticData_OnlyRealDataGetsAVerdict()
    {
        // Spread 1 − (−0.156) ≥ 0.3 and one inversion above the floor: held on real data, withheld on synthetic.
        var real = ExperimentRunner.Run(Corpus([6, 0, 5], synthetic: false), TestData.Fast(), ExperimentSelection.Reliability).Findings[0];
        var synthetic = ExperimentRunner.Run(Corpus([6, 0, 5], synthetic: true), TestData.Fast(), ExperimentSelection.Reliability).Findings[0];
        Assert.Equal(FindingVerdict.Held, real.Verdict);
        Assert.Equal("not evaluated (synthetic data)", synthetic.VerdictText);
    }
}

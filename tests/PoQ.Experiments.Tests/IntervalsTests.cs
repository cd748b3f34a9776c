using System.Globalization;
using PoQ.Evaluators;
using PoQ.Experiments.Corpus;
using PoQ.Experiments.Reliability;

namespace PoQ.Experiments.Tests;

/// <summary>The bootstrap intervals in the CSVs and the report, and the honest-proxy outputs.</summary>
public class IntervalsTests
{
    private static readonly Lazy<(ExperimentResult Result, string Directory)> All = new(() =>
    {
        string directory = TestData.TempDirectory();
        var options = new ExperimentOptions { Rounds = 300, Rules = ["mean", "median", "trimmed", "trust"], MaliciousRatios = [0.0, 0.3], Ks = [3, 5], TrustEpochs = [0.0], SamplingKs = [3, 7], BootstrapResamples = 200 };
        var result = ExperimentRunner.Write(ExperimentRunner.Run(TestData.SyntheticCorpus(), options, ExperimentSelection.All), directory);
        return (result, directory);
    });

    private static List<Dictionary<string, string>> Read(string name)
    {
        var lines = File.ReadAllLines(Path.Combine(All.Value.Directory, name));
        var header = lines[0].Split(',');
        return [.. lines.Skip(1).Select(line => header.Zip(line.Split(',')).ToDictionary(p => p.First, p => p.Second))];
    }

    private static double N(string cell) => double.Parse(cell, CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("robustness.csv", "mae", "mae_ci_low", "mae_ci_high")]
    [InlineData("sampling.csv", "evaluator_reward_mean", "evaluator_reward_mean_ci_low", "evaluator_reward_mean_ci_high")]
    [InlineData("sampling.csv", "inference_reward_mean", "inference_reward_mean_ci_low", "inference_reward_mean_ci_high")]
    [InlineData("sampling.csv", "evaluator_payoff_variance", "evaluator_payoff_variance_ci_low", "evaluator_payoff_variance_ci_high")]
    public void Csv_EveryFigureBehindAFinding_HasAnIntervalAroundIt(string file, string column, string low, string high)
    {
        var rows = Read(file);
        Assert.NotEmpty(rows);
        Assert.All(rows, row => Assert.InRange(N(row[column]), N(row[low]) - 1e-9, N(row[high]) + 1e-9));

        // Budget mode pays exactly 1/k per report, a figure without sampling noise; every other row has a real width.
        Assert.Contains(rows, row => N(row[low]) < N(row[high]));
    }

    [Fact]
    public void Csv_Reliability_EvaluatorRowsCarryPearsonIntervals_SystemRowsNone()
    {
        var rows = Read("reliability.csv");
        Assert.All(rows.Where(r => r["row_type"] == "evaluator"), row => Assert.InRange(N(row["pearson"]), N(row["pearson_ci_low"]), N(row["pearson_ci_high"])));
        Assert.All(rows.Where(r => r["row_type"] == "system"), row => Assert.Equal(string.Empty, row["pearson_ci_low"]));
    }

    [Fact]
    public void Csv_Robustness_MaePerTaskKind_AveragesToTheOverallMae()
    {
        // Each kind's MAE weighted by its share of the tasks is the overall MAE; the run drew both kinds.
        var result = All.Value.Result.Robustness!.Rows[0];
        var qa = result.Alignment.MaeOn("qa")!;
        var summarization = result.Alignment.MaeOn("summarization")!;
        Assert.True(Math.Min(qa.Value, summarization.Value) <= result.Metrics.Mae && result.Metrics.Mae <= Math.Max(qa.Value, summarization.Value));
        Assert.Equal(result.Metrics.Mae, result.Alignment.Mae.Value, 9);
    }

    [Fact]
    public void Run_SameSeed_SameIntervals_OtherSeed_Others()
    {
        var options = new ExperimentOptions { Rounds = 200, Plots = false, Rules = ["median"], Attacks = ["boost"], MaliciousRatios = [0.3], Ks = [5], TrustEpochs = [0.0], BootstrapResamples = 150 };
        var a = ExperimentRunner.Run(TestData.SyntheticCorpus(), options, ExperimentSelection.Robustness).Robustness!.Rows[0].Alignment.Mae;
        var b = ExperimentRunner.Run(TestData.SyntheticCorpus(), options, ExperimentSelection.Robustness).Robustness!.Rows[0].Alignment.Mae;
        var c = ExperimentRunner.Run(TestData.SyntheticCorpus(), new ExperimentOptions
        {
            Rounds = 200, Plots = false, Rules = ["median"], Attacks = ["boost"], MaliciousRatios = [0.3], Ks = [5], TrustEpochs = [0.0], BootstrapResamples = 150, Seed = 43,
        }, ExperimentSelection.Robustness).Robustness!.Rows[0].Alignment.Mae;
        Assert.Equal((a.Low, a.High), (b.Low, b.High));
        Assert.NotEqual((a.Low, a.High), (c.Low, c.High));
    }

    [Fact]
    public void Report_HasThePaperVsPoqSectionWithEachFindingAndItsDifferences()
    {
        string report = File.ReadAllText(Path.Combine(All.Value.Directory, "report.md"));
        Assert.Contains("## Paper vs PoQ", report, StringComparison.Ordinal);
        Assert.Contains("| # | the paper claims | PoQ measured (95 % intervals) | verdict |", report, StringComparison.Ordinal);
        foreach (var finding in All.Value.Result.Findings)
        {
            Assert.Contains($"Where and why finding {finding.Number} differs:", report, StringComparison.Ordinal);
            Assert.Contains($"**{finding.VerdictText}** |", report, StringComparison.Ordinal);
        }

        Assert.Contains("Reward mode: linear.", report, StringComparison.Ordinal);
        Assert.Contains("Criterion (fixed before the run):", report, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_TooFewReplicates_RejectedNamingTheOption()
    {
        var problem = Assert.Single(new ExperimentOptions { BootstrapResamples = 20 }.Problems());
        Assert.Contains("--bootstrap", problem, StringComparison.Ordinal);
    }

    private static CorpusSnapshot RealNamed()
    {
        // Two QA and two summarization items scored by every real evaluator (minilm-qa not on summaries).
        var items = new[] { new CorpusEntry("q1", "qa", "s", 5, 10), new CorpusEntry("q2", "qa", "s", 7, 0), new CorpusEntry("d1", "summarization", "s", 4, 3), new CorpusEntry("d2", "summarization", "s", 6, 5) };
        var names = EvaluatorNames.All;
        var scores = items.SelectMany(item => names.Select(name => item.Task == "summarization" && name == EvaluatorNames.MiniLmQa ? double.NaN : item.Proxy)).ToArray();
        return new CorpusSnapshot(items, names, scores, isSynthetic: false, "hand-made");
    }

    [Fact]
    public void Circularity_Rouge1AndRougeLOnQa_Rouge2AgainstTheSummarizationSecondProxy()
    {
        Assert.Equal([EvaluatorNames.Rouge1, EvaluatorNames.RougeL], ProxyCircularity.CircularOn("qa"));
        Assert.Empty(ProxyCircularity.CircularOn("summarization"));
        Assert.NotNull(ProxyCircularity.WithSecondProxy("summarization", EvaluatorNames.Rouge2));
        Assert.Null(ProxyCircularity.WithSecondProxy("qa", EvaluatorNames.Rouge2));

        var rows = ReliabilityAnalysis.Analyze(RealNamed(), seed: 1, resamples: 100);
        Assert.True(rows.Single(r => r.Evaluator == EvaluatorNames.RougeL && r.Task == "qa").ProxyCircular);
        Assert.False(rows.Single(r => r.Evaluator == EvaluatorNames.RougeL && r.Task == "summarization").ProxyCircular);
        Assert.True(rows.Single(r => r.Evaluator == EvaluatorNames.Rouge2 && r.Task == "summarization").SecondProxyCircular);
    }

    [Fact]
    public void WithoutCircularEvaluators_LeavesThemOutOnQaOnly_KeepingEveryItemInOrder()
    {
        var corpus = RealNamed();
        var full = ScoreTableMapping.ToScoreTable(corpus);
        var honest = ScoreTableMapping.WithoutCircularEvaluators(corpus);
        int rouge1 = EvaluatorNames.All.ToList().IndexOf(EvaluatorNames.Rouge1);
        Assert.Equal(full.Items.Select(i => i.Id), honest.Items.Select(i => i.Id));
        Assert.Equal(5.0, full.Score(0, rouge1));
        Assert.True(double.IsNaN(honest.Score(0, rouge1)));
        Assert.Equal(4.0, honest.Score(2, rouge1));

        // A node whose model was rouge-1 falls back to the next model that applies on QA: rouge-2.
        Assert.Equal(rouge1 + 1, honest.ModelFor(rouge1, 0));
    }
}

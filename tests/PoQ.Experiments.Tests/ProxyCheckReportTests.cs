using PoQ.Evaluators.Data;
using PoQ.Experiments.Corpus;
using PoQ.Experiments.Output;

namespace PoQ.Experiments.Tests;

/// <summary>The reliability report shows the QA proxy check when the corpus carries one, and only then.</summary>
public class ProxyCheckReportTests
{
    private static CorpusSnapshot Corpus(IReadOnlyList<SquadSystemF1> check)
    {
        CorpusEntry Item(string id, string task, double proxy) => new(id, task, "sys", proxy, null);
        CorpusEntry[] items = [Item("q1", "qa", 4), Item("q2", "qa", 5), Item("q3", "qa", 6), Item("s1", "summarization", 4), Item("s2", "summarization", 5), Item("s3", "summarization", 6)];
        return new CorpusSnapshot(items, ["ev"], [4, 5, 6, 4, 5, 6], isSynthetic: false, "hand-built") { ProxyCheck = check };
    }

    [Fact]
    public void Report_WithProxyCheck_ShowsEachSystemWithItsDifference()
    {
        var corpus = Corpus([new SquadSystemF1("BERT", 92.25, 92.2, 10570, 10570), new SquadSystemF1("LR", 50.93, 51.0, 10557, 10570)]);

        string report = ReportWriter.Write(ExperimentRunner.Run(corpus, TestData.Fast(), ExperimentSelection.Reliability));

        Assert.Contains("Proxy check", report, StringComparison.Ordinal);
        Assert.Contains("| BERT | 10570 | 10570 | 92.25 | 92.2 | +0.05 |", report, StringComparison.Ordinal);
        Assert.Contains("| LR | 10570 | 10557 | 50.93 | 51.0 | -0.07 |", report, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_WithoutProxyCheck_HasNoSuchTable()
    {
        string report = ReportWriter.Write(ExperimentRunner.Run(Corpus([]), TestData.Fast(), ExperimentSelection.Reliability));

        Assert.DoesNotContain("Proxy check", report, StringComparison.Ordinal);
    }
}

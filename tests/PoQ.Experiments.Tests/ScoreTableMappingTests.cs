using PoQ.Experiments.Corpus;

namespace PoQ.Experiments.Tests;

public class ScoreTableMappingTests
{
    private static CorpusSnapshot Hand() => new(
        [
            new CorpusEntry("q1", "qa", "sys-b", 8, 10),
            new CorpusEntry("q1", "qa", "sys-a", 2, 0),
            new CorpusEntry("d1", "summarization", "sys-a", 5, null),
            new CorpusEntry("d2", "summarization", "sys-c", 4, null),
        ],
        ["ev-x", "ev-y"],
        [7, double.NaN, 3, 1, double.NaN, 6, double.NaN, double.NaN],
        isSynthetic: false,
        "hand-made");

    [Fact]
    public void ToScoreTable_MapsKindSystemProxyAndScores()
    {
        var table = ScoreTableMapping.ToScoreTable(Hand());
        Assert.Equal(["ev-x", "ev-y"], table.Models);
        Assert.Equal(3, table.Items.Count);
        Assert.Equal(("q1", "qa", "sys-b", 8.0), (table.Items[0].Id, table.Items[0].Kind, table.Items[0].System, table.Items[0].Proxy));
        Assert.Equal("summarization", table.Items[2].Kind);
        Assert.Equal(["sys-a", "sys-b"], table.Systems);
        Assert.Equal(1, table.SystemOf(0));
        Assert.Equal(7, table.Score(0, 0));
        Assert.True(double.IsNaN(table.Score(0, 1)));
        Assert.Equal(6, table.Score(2, 1));
    }

    [Fact]
    public void ToScoreTable_DropsItemsNoEvaluatorScored()
    {
        var table = ScoreTableMapping.ToScoreTable(Hand());
        Assert.DoesNotContain(table.Items, i => i.Id == "d2");
    }

    [Fact]
    public void FromEvaluationCorpus_UsesTaskWireNamesAndKeepsSource()
    {
        var corpus = TestData.SyntheticCorpus();
        Assert.True(corpus.IsSynthetic);
        Assert.Equal("synthetic", corpus.DataSource);
        Assert.Equal(["qa", "summarization"], corpus.Items.Select(i => i.Task).Distinct().Order(StringComparer.Ordinal));
        Assert.False(string.IsNullOrWhiteSpace(corpus.SourceDescription));
    }
}

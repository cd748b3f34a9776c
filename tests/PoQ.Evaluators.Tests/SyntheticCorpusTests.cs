namespace PoQ.Evaluators.Tests;

public class SyntheticCorpusTests
{
    [Fact]
    public void Create_SameSeed_IdenticalCorpus()
    {
        var a = SyntheticCorpus.Create(7, 30, 10);
        var b = SyntheticCorpus.Create(7, 30, 10);
        Assert.Equal(a.Items, b.Items);
        Assert.Equal(a.CopyScores(), b.CopyScores());
        Assert.True(a.IsSynthetic);
        Assert.Contains("SYNTHETIC", a.SourceDescription, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_DifferentSeed_DifferentScores() =>
        Assert.NotEqual(SyntheticCorpus.Create(1, 30, 10).CopyScores(), SyntheticCorpus.Create(2, 30, 10).CopyScores());

    [Fact]
    public void Create_EvaluatorsHaveDeclaredReliability()
    {
        var c = SyntheticCorpus.Create(42);
        double Corr(string evaluator, TaskKind kind) => Stats.Pearson(c, c.IndexOfEvaluator(evaluator), kind);
        Assert.True(Corr(SyntheticCorpus.Good, TaskKind.Qa) > 0.9);
        Assert.True(Corr(SyntheticCorpus.Noisy, TaskKind.Qa) < Corr(SyntheticCorpus.Good, TaskKind.Qa) - 0.2);
        Assert.True(Corr(SyntheticCorpus.Inverting, TaskKind.Qa) > 0.7);
        Assert.True(Corr(SyntheticCorpus.Inverting, TaskKind.Summarization) < -0.7);
        var qaOnly = c.IndexOfEvaluator(SyntheticCorpus.QaOnly);
        for (var i = 0; i < c.Items.Count; i++)
        {
            Assert.Equal(c.Items[i].Kind == TaskKind.Summarization, double.IsNaN(c.Score(i, qaOnly)));
        }
    }

    [Fact]
    public async Task BuildAsync_WithoutData_FallsBackToSynthetic()
    {
        var corpus = await EvaluationCorpusBuilder.BuildAsync(
            new CorpusOptions { DataDirectory = "/nonexistent/poq", Seed = 3 }, null, CancellationToken.None);
        Assert.True(corpus.IsSynthetic);
        Assert.Equal(SyntheticCorpus.Create(3, EvaluationCorpusBuilder.SyntheticQaTasks,
            EvaluationCorpusBuilder.SyntheticSummarizationTasks).CopyScores(), corpus.CopyScores());
    }
}

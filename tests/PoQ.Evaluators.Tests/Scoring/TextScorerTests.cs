using PoQ.Evaluators.Scoring;

namespace PoQ.Evaluators.Tests.Scoring;

public class TextScorerTests
{
    // A fake embedding: texts containing "good" point one way, others the opposite way, so cosines are ±1.
    private static float[] Fake(string text) => text.Contains("good", StringComparison.Ordinal) ? [1f, 0f] : [-1f, 0f];

    [Fact]
    public void Score_Qa_TakesMaxOverGolds_AndClipsNegativeCosines()
    {
        var scorer = new TextScorer(Fake);
        var s = scorer.Score(new ScoringInput(TaskKind.Qa, "bad question", "good answer", ["bad gold", "good answer"]));
        var names = EvaluatorNames.All;
        Assert.Equal(10.0, s[IndexOf(EvaluatorNames.MiniLmRef)], 12);
        Assert.Equal(0.0, s[IndexOf(EvaluatorNames.MiniLmQa)], 12); // cosine −1 clipped to 0
        Assert.Equal(10.0, s[IndexOf(EvaluatorNames.Rouge1)], 12);
        Assert.Equal(10.0, s[IndexOf(EvaluatorNames.LengthRatio)], 12);
        Assert.Equal(names.Count, s.Length);
    }

    [Fact]
    public void Score_Summarization_MiniLmQaIsNaN_OthersInRange()
    {
        var scorer = new TextScorer(Fake);
        var s = scorer.Score(new ScoringInput(TaskKind.Summarization, null, "<t> good cats sit </t>", ["<t> the cats sat </t>"]));
        Assert.True(double.IsNaN(s[IndexOf(EvaluatorNames.MiniLmQa)]));
        foreach (var (v, i) in s.Select((v, i) => (v, i)).Where(p => p.i != IndexOf(EvaluatorNames.MiniLmQa)))
        {
            Assert.InRange(v, 0, 10);
        }
    }

    [Theory]
    [InlineData(-0.4, 0.0)]
    [InlineData(0.0, 0.0)]
    [InlineData(0.73, 7.3)]
    [InlineData(1.0000001, 10.0)]
    public void CosineToScore_ClipsAndScales(double cosine, double expected) =>
        Assert.Equal(expected, TextScorer.CosineToScore(cosine), 9);

    private static int IndexOf(string name) => EvaluatorNames.All.ToList().IndexOf(name);
}

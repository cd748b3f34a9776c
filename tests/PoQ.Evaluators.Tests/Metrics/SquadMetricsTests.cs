using PoQ.Evaluators.Metrics;

namespace PoQ.Evaluators.Tests.Metrics;

public class SquadMetricsTests
{
    [Theory]
    [InlineData("The Eiffel Tower!", "eiffel tower")]
    [InlineData("  a   cat  and AN owl ", "cat and owl")]
    [InlineData("theatre", "theatre")] // articles only as whole words
    [InlineData("...!?", "")]
    [InlineData("", "")]
    [InlineData("U.S.A.", "usa")]
    [InlineData("rock-n-roll", "rocknroll")]
    public void Normalize_FollowsOfficialScript(string input, string expected) =>
        Assert.Equal(expected, SquadMetrics.Normalize(input));

    [Fact]
    public void F1_BothEmpty_IsZero_AsInOfficialScript() => Assert.Equal(0.0, SquadMetrics.F1("", ""));

    [Fact]
    public void F1_PunctuationOnlyPrediction_IsZero() => Assert.Equal(0.0, SquadMetrics.F1("?!.", "Denver Broncos"));

    [Fact]
    public void ExactMatch_IgnoresArticlesCaseAndPunctuation() =>
        Assert.Equal(1.0, SquadMetrics.ExactMatch("The Denver Broncos.", "denver broncos"));

    [Fact]
    public void F1_PartialOverlap_IsHarmonicMean()
    {
        // prediction: denver broncos team (3 tokens); gold: denver broncos (2); overlap 2 → P 2/3, R 1 → F1 0.8
        Assert.Equal(0.8, SquadMetrics.F1("the Denver Broncos team", "Denver Broncos"), 12);
    }

    [Fact]
    public void F1_CountsRepeatedTokensAsMultiset()
    {
        // prediction: a a b → tokens "b" only after article removal? "a" is an article; use x instead.
        // x x y vs x y: overlap 2 → P 2/3, R 1 → 0.8
        Assert.Equal(0.8, SquadMetrics.F1("x x y", "x y"), 12);
    }

    [Fact]
    public void MaxF1_TakesBestGold()
    {
        string[] golds = ["Santa Clara, California", "Levi's Stadium", "Levi's Stadium in the San Francisco Bay Area"];
        Assert.Equal(1.0, SquadMetrics.MaxF1("Levi's Stadium", golds), 12);
        Assert.Equal(1.0, SquadMetrics.MaxExactMatch("levis stadium", golds));
    }

    [Fact]
    public void MaxF1_NoGolds_IsZero() => Assert.Equal(0.0, SquadMetrics.MaxF1("anything", []));
}

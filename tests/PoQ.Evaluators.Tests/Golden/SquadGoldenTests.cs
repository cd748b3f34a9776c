using PoQ.Evaluators.Data;
using Xunit.Abstractions;

namespace PoQ.Evaluators.Tests.Golden;

/// <summary>
/// Our SQuAD metric on the full dev set must reproduce the published leaderboard F1 of each system (±0.1).
/// As in the official evaluate-v1.1.py, a question a system did not answer scores 0 and stays in the
/// denominator (the logistic-regression baseline answers 10,557 of 10,570).
/// </summary>
public class SquadGoldenTests(ITestOutputHelper output)
{
    [Fact]
    public void F1_FullDevSet_MatchesPublishedFigures()
    {
        // The leaderboard's figures, written here independently of the product's copy (SquadProxyCheck.PublishedF1).
        double[] published = [92.2, 88.5, 88.4, 76.8, 51.0];

        var check = SquadProxyCheck.FromDirectory(TestData.RequireDirectory());

        Assert.NotNull(check);
        Assert.Equal(published, check!.Select(c => c.PublishedF1));
        for (var s = 0; s < check.Count; s++)
        {
            var row = check[s];
            output.WriteLine($"{row.System}: F1 {row.F1:F3} (published {published[s]}), answered {row.Answered}");
            Assert.Equal(10570, row.Questions);
            Assert.True(Math.Abs(row.F1 - published[s]) <= 0.1, $"{row.System}: F1 {row.F1:F3} vs published {published[s]}");
        }
    }

    [Fact]
    public void Compute_UnansweredQuestionsScoreZeroInTheDenominator()
    {
        var systems = SquadLoader.Systems;
        // Two questions; the first system answers both exactly, the second only the first (F1 = 1 and 0 → 50).
        SquadExample Example(string id, params string[] answering) => new(id, "t", "c", "q", ["the answer"], answering.ToDictionary(s => s, _ => "the answer"));
        var check = SquadProxyCheck.Compute([Example("a", systems[0], systems[1]), Example("b", systems[0])]);

        Assert.Equal(100, check[0].F1, 12);
        Assert.Equal(50, check[1].F1, 12);
        Assert.Equal(0, check[2].F1, 12);
        Assert.Equal([2, 1, 0, 0, 0], check.Select(c => c.Answered));
    }
}

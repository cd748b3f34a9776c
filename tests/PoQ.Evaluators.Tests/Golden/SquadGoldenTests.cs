using PoQ.Evaluators.Data;
using PoQ.Evaluators.Metrics;
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
        var path = Path.Combine(TestData.RequireDirectory(), SquadLoader.FileName);
        double[] published = [92.2, 88.5, 88.4, 76.8, 51.0];
        var sums = new double[SquadLoader.Systems.Count];
        var answered = new int[SquadLoader.Systems.Count];
        var questions = 0;
        foreach (var q in SquadLoader.Read(path))
        {
            questions++;
            for (var s = 0; s < sums.Length; s++)
            {
                if (q.Predictions.TryGetValue(SquadLoader.Systems[s], out var answer))
                {
                    answered[s]++;
                    sums[s] += SquadMetrics.MaxF1(answer, q.Answers);
                }
            }
        }

        Assert.Equal(10570, questions);
        for (var s = 0; s < sums.Length; s++)
        {
            var f1 = 100 * sums[s] / questions;
            output.WriteLine($"{SquadLoader.Systems[s]}: F1 {f1:F3} (published {published[s]}), answered {answered[s]}");
            Assert.True(Math.Abs(f1 - published[s]) <= 0.1,
                $"{SquadLoader.Systems[s]}: F1 {f1:F3} vs published {published[s]}");
        }
    }
}

using FsCheck.Xunit;
using PoQ.Settlement.Sampling;

namespace PoQ.Settlement.Tests.Sampling;

/// <summary>The public evaluator draw: recomputable, order-free, seed-bound and fair enough to trust.</summary>
public sealed class EvaluatorDrawTests
{
    private static readonly string[] Pool = [.. Enumerable.Range(1, 50).Select(i => $"ev-{i}")];

    [Property(MaxTest = 200)]
    public bool Draw_KDistinctCandidates_WhateverTheCandidatesOrder(int shuffleSeed, byte k)
    {
        int take = k % (Pool.Length + 1);
        var shuffled = Pool.ToArray();
        new Random(shuffleSeed).Shuffle(shuffled);

        var a = EvaluatorDraw.Draw("s", "t-1", Pool, take);
        var b = EvaluatorDraw.Draw("s", "t-1", shuffled, take);

        return a.SequenceEqual(b) && a.Distinct().Count() == take && a.All(Pool.Contains);
    }

    // An escalation's extra evaluators continue the ranking: the first k plus the next m are the draw of k + m.
    [Property(MaxTest = 200)]
    public bool Next_AfterTheFirstK_ContinuesTheDraw(byte k, byte m, int task)
    {
        int first = k % 20;
        int more = m % 40;
        string taskId = $"t-{task}";
        var drawn = EvaluatorDraw.Draw("s", taskId, Pool, first);

        var next = EvaluatorDraw.Next("s", taskId, Pool, drawn, more);

        var expected = EvaluatorDraw.Draw("s", taskId, Pool, Math.Min(Pool.Length, first + more)).Skip(first);
        return next.SequenceEqual(expected) && !next.Intersect(drawn).Any();
    }

    [Fact]
    public void Next_TakenOutsideThePrefix_SkipsThemAndStopsWhenCandidatesRunOut()
    {
        var ranking = EvaluatorDraw.Draw("s", "t-1", Pool, Pool.Length);
        string[] taken = [ranking[0], ranking[2]];

        Assert.Equal([ranking[1], ranking[3]], EvaluatorDraw.Next("s", "t-1", Pool, taken, 2));
        Assert.Equal(Pool.Length - 2, EvaluatorDraw.Next("s", "t-1", Pool, taken, 500).Length);
        Assert.Empty(EvaluatorDraw.Next("s", "t-1", [], taken, 2));
    }

    [Fact]
    public void Draw_OtherSeedOrTask_OtherEvaluators()
    {
        var drawn = EvaluatorDraw.Draw("s", "t-1", Pool, 5);

        Assert.NotEqual(drawn, EvaluatorDraw.Draw("s2", "t-1", Pool, 5));
        Assert.NotEqual(drawn, EvaluatorDraw.Draw("s", "t-2", Pool, 5));
        Assert.Equal(drawn, EvaluatorDraw.Draw("s", "t-1", Pool, 5));
    }

    [Fact]
    public void Draw_OverManyTasks_EachEvaluatorIsDrawnAboutEquallyOften()
    {
        // 20,000 tasks × 5 of 50: each evaluator expects 2,000 draws (sd ≈ 42); ±10 % is more than 4.5 sd.
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int t = 0; t < 20_000; t++)
        {
            foreach (string e in EvaluatorDraw.Draw("poq", $"task-{t}", Pool, 5))
            {
                counts[e] = counts.GetValueOrDefault(e) + 1;
            }
        }

        Assert.Equal(Pool.Length, counts.Count);
        Assert.All(counts.Values, c => Assert.InRange(c, 1_800, 2_200));
    }

    [Fact]
    public void Matches_TheDrawInAnyOrder_ButNotAChoice()
    {
        var drawn = EvaluatorDraw.Draw("s", "t-1", Pool, 5);

        Assert.True(EvaluatorDraw.Matches("s", "t-1", Pool, [.. drawn.Reverse()]));
        Assert.False(EvaluatorDraw.Matches("s", "t-1", Pool, [.. drawn[..4], Pool.First(p => !drawn.Contains(p))]));
        Assert.False(EvaluatorDraw.Matches("s", "t-1", Pool[..3], drawn));
        Assert.Throws<ArgumentOutOfRangeException>(() => EvaluatorDraw.Draw("s", "t-1", Pool[..3], 4));
    }
}

using System.Diagnostics;
using PoQ.Bench.Ingest;
using PoQ.Pipeline.Commit;
using PoQ.Pipeline.Model;

namespace PoQ.Pipeline.Tests.Bench;

/// <summary>The settle-latency breakdown splits a task's latency into consecutive stages that add up to it.</summary>
public sealed class SettleStagesTests
{
    private static long Ms(double ms) => 1_000_000 + (long)Math.Round(ms * Stopwatch.Frequency / 1000);

    [Fact]
    public void Stages_AreTheGapsBetweenConsecutiveStamps_AndAddUpToTheLatency()
    {
        var stages = new SettleStages();
        var batch = new CommittedBatch { Timing = (Ms(30), Ms(45), Ms(70)) };

        stages.Add(Ms(0), new TaskStamps(Ms(4), Ms(12), Ms(20)), batch);

        var result = stages.Percentiles();
        Assert.Equal(SettleStages.Names.Select(n => n.Name), result.Select(r => r.Stage));
        double[] expected = [4, 8, 8, 10, 15, 25];
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], result[i].P50Ms, 3);
            Assert.Equal(expected[i], result[i].P99Ms, 3);
        }

        Assert.Equal(70, result.Sum(r => r.P50Ms), 3);
    }

    [Fact]
    public void A_TaskWithAMissingStamp_IsLeftOut()
    {
        var stages = new SettleStages();
        stages.Add(Ms(0), new TaskStamps(0, Ms(12), Ms(20)), new CommittedBatch { Timing = (Ms(30), Ms(45), Ms(70)) });
        stages.Add(Ms(0), new TaskStamps(Ms(4), Ms(12), Ms(20)), new CommittedBatch());

        Assert.All(stages.Percentiles(), r => Assert.True(double.IsNaN(r.P50Ms) && double.IsNaN(r.P99Ms)));
    }

    [Fact]
    public void Percentiles_AreTakenPerStage()
    {
        var stages = new SettleStages();
        for (int i = 1; i <= 100; i++)
        {
            // Delivery grows with i; every other stage stays 1 ms.
            stages.Add(Ms(0), new TaskStamps(Ms(i), Ms(i + 1), Ms(i + 2)), new CommittedBatch { Timing = (Ms(i + 3), Ms(i + 4), Ms(i + 5)) });
        }

        var delivery = stages.Percentiles()[0];
        Assert.Equal(50, delivery.P50Ms, 3);
        Assert.Equal(99, delivery.P99Ms, 3);
        Assert.All(stages.Percentiles().Skip(1), r => Assert.Equal(1, r.P99Ms, 3));
    }
}

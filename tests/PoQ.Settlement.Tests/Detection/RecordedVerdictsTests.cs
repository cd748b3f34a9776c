using PoQ.Consensus.Rules;
using PoQ.Rewards;
using PoQ.Settlement.Detection;
using PoQ.Settlement.Events;
using PoQ.Settlement.Tests.TestSupport;
using PoQ.Settlement.Trust;

namespace PoQ.Settlement.Tests.Detection;

public sealed class RecordedVerdictsTests
{
    private static readonly Mechanism Median = new(new MedianRule(), new RewardParameters(), 2, TrustEpochs.Of(TimeSpan.Zero));

    [Fact]
    public void Add_SecondTaskOfANode_CarriesTheFirstTasksConsensusAsPrevious()
    {
        var chain = new SettlementChain(Median, TrustSnapshot.Initial(1.0));
        var verdicts = new RecordedVerdicts();

        verdicts.Add(chain.Settle(Facts.Task("t-1", ("a", 2), ("b", 4), ("c", 6))));
        verdicts.Add(chain.Settle(Facts.Task("t-2", ("a", 4), ("b", 8), ("c", 9))));

        Assert.Equal(2, verdicts.Tasks);
        Assert.Equal(6, verdicts.Verdicts.Count);
        Assert.All(verdicts.Verdicts.Take(3), v => Assert.Null(v.PreviousConsensus));
        Assert.All(verdicts.Verdicts.Skip(3), v => Assert.Equal(4, v.PreviousConsensus));
        Assert.All(verdicts.Verdicts.Skip(3), v => Assert.Equal(8, v.Consensus));
        Assert.Equal([4.0, 8, 9], verdicts.Verdicts.Skip(3).Select(v => v.Score));
    }

    [Fact]
    public void Add_OtherNode_DoesNotSeeThisNodesConsensus()
    {
        var chain = new SettlementChain(Median, TrustSnapshot.Initial(1.0));
        var verdicts = new RecordedVerdicts();

        verdicts.Add(chain.Settle(Facts.Task("t-1", ("a", 2), ("b", 4), ("c", 6))));
        verdicts.Add(chain.Settle(Facts.Task("t-2", ("a", 4), ("b", 8)) with { InferenceNodeId = "inf-2" }));

        Assert.All(verdicts.Verdicts, v => Assert.Null(v.PreviousConsensus));
    }

    [Fact]
    public void Add_InsufficientTask_AddsNoVerdictAndKeepsThePreviousConsensus()
    {
        var chain = new SettlementChain(Median, TrustSnapshot.Initial(1.0));
        var verdicts = new RecordedVerdicts();

        verdicts.Add(chain.Settle(Facts.Task("t-1", ("a", 2), ("b", 4), ("c", 6))));
        var insufficient = chain.Settle(Facts.Task("t-2", ("a", 7)));
        verdicts.Add(insufficient);
        verdicts.Add(chain.Settle(Facts.Task("t-3", ("a", 1), ("b", 3))));

        Assert.False(insufficient.Settlement.IsReached);
        Assert.Equal(3, verdicts.Tasks);
        Assert.DoesNotContain(verdicts.Verdicts, v => v.TaskId == "t-2");
        Assert.All(verdicts.Verdicts.Where(v => v.TaskId == "t-3"), v => Assert.Equal(4, v.PreviousConsensus));
    }

    [Fact]
    public void Add_CopierOfTheRecordedConsensus_IsFlaggedByTheDetector()
    {
        // A copier reports the node's previous consensus; the honest report their own jittered view.
        var chain = new SettlementChain(Median, TrustSnapshot.Initial(1.0));
        var verdicts = new RecordedVerdicts();
        var random = new Random(5);
        double previous = 5;
        for (int i = 0; i < 400; i++)
        {
            double truth = 1 + (8 * random.NextDouble());
            var scores = new List<(string, double)> { ("copier", previous) };
            scores.AddRange(Enumerable.Range(1, 4).Select(e => ($"h-{e}", Math.Round(truth + random.NextDouble() - 0.5, 3))));
            var settled = chain.Settle(Facts.Task($"t-{i:D4}", [.. scores]));
            verdicts.Add(settled);
            previous = settled.Settlement.Consensus!.Value;
        }

        var result = Detector.Detect(verdicts.Verdicts);

        Assert.Equal(["copier"], result.FlaggedEvaluators);
        Assert.Equal(DetectionFlag.Copy, Assert.Single(result.Flags).Kind);
    }
}

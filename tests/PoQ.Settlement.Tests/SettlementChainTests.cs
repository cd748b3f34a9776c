using PoQ.Consensus.Rules;
using PoQ.Rewards;
using PoQ.Settlement.Events;
using PoQ.Settlement.Tests.TestSupport;
using PoQ.Settlement.Trust;

namespace PoQ.Settlement.Tests;

public sealed class SettlementChainTests
{
    private static readonly TrustEpochs Epochs = TrustEpochs.Of(TimeSpan.FromSeconds(2));
    private static readonly Mechanism EpochTrust = new(new TrustWeightedMeanRule(), new RewardParameters(), 1, Epochs);
    private static readonly Mechanism Sequential = new(new TrustWeightedMeanRule(), new RewardParameters(), 1, TrustEpochs.Sequential);

    private static TaskFacts At(string id, double seconds) => Facts.Task(id, Facts.T0.AddSeconds(seconds), ("ev-1", 2), ("ev-2", 4), ("ev-3", 9));

    [Fact]
    public void Settle_EpochTrust_TaskSeesOnlyEpochsTwoBack()
    {
        var chain = new SettlementChain(EpochTrust, TrustSnapshot.Initial(1.0));
        var first = chain.Settle(At("t-1", 0));   // epoch e
        var next = chain.Settle(At("t-2", 2.5));  // epoch e + 1: e is not folded yet
        var later = chain.Settle(At("t-3", 4.5)); // epoch e + 2: sees e

        Assert.All(first.Settlement.Verdicts.Concat(next.Settlement.Verdicts), v => Assert.Equal((1.0, 0), (v.TrustBefore, v.ObservationsBefore)));
        Assert.Equal(first.Settlement.Verdicts.Select(v => v.TrustAfter), later.Settlement.Verdicts.Select(v => v.TrustBefore));
        Assert.All(later.Settlement.Verdicts, v => Assert.Equal(1, v.ObservationsBefore));
        Assert.Equal([first.Epoch], chain.Closes.Select(c => c.Epoch));
    }

    [Fact]
    public void Settle_EpochTrust_TasksOfOneEpochAreIndependentOfEachOther()
    {
        var chain = new SettlementChain(EpochTrust, TrustSnapshot.Initial(1.0));
        var a = chain.Settle(At("t-1", 0.1));
        var b = chain.Settle(At("t-2", 1.9));
        Assert.Equal(a.Settlement.Verdicts.Select(v => v.TrustBefore), b.Settlement.Verdicts.Select(v => v.TrustBefore));
        Assert.Equal(a.Epoch, b.Epoch);
    }

    [Fact]
    public void Settle_EpochGoesBack_Throws()
    {
        var chain = new SettlementChain(EpochTrust, TrustSnapshot.Initial(1.0));
        chain.Settle(At("t-1", 10));
        Assert.Throws<InvalidOperationException>(() => chain.Settle(At("t-2", 0)));
    }

    [Fact]
    public void Settle_Sequential_EachTaskSeesThePreviousTasksVerdicts()
    {
        var chain = new SettlementChain(Sequential, TrustSnapshot.Initial(1.0));
        var first = chain.Settle(At("t-1", 0), sequentialEpoch: 1);
        var second = chain.Settle(At("t-2", 0), sequentialEpoch: 2);

        // Unseen at w₀ = 1; c = 5; Eq. 21 gives 1.04, 1.08, 1.02 (hand-computed in TrustWeightedMeanRuleTests).
        Assert.Equal([1.04, 1.08, 1.02], first.Settlement.Verdicts.Select(v => Math.Round(v.TrustAfter, 12)));
        Assert.Equal(first.Settlement.Verdicts.Select(v => v.TrustAfter), second.Settlement.Verdicts.Select(v => v.TrustBefore));
        Assert.Equal((1L, 2L), (first.Epoch, second.Epoch));
        Assert.Empty(chain.Closes);
    }

    [Fact]
    public void UseRecorded_EpochBeforeTheReplayedRange_IsAppliedAsRecorded()
    {
        var recorded = new TrustEpochClosed(Epochs.EpochOf(Facts.T0), Facts.T0, Facts.T0.AddSeconds(2), 3, "digest", [new TrustChange("ev-1", 1.0, 0, 2.5, 7)]);
        var chain = new SettlementChain(EpochTrust, new TrustSnapshot(1.0, [], recorded.Epoch - 1));
        chain.UseRecorded(recorded);
        var task = chain.Settle(At("t-9", 4.5)); // two epochs after the recorded one
        Assert.Equal((2.5, 7), (task.Settlement.Verdicts[0].TrustBefore, task.Settlement.Verdicts[0].ObservationsBefore));
        Assert.Same(recorded, Assert.Single(chain.Closes));
    }

    [Fact]
    public void Settle_UnweightedRule_NeverFolds()
    {
        var chain = new SettlementChain(new Mechanism(new MedianRule(), new RewardParameters(), 1, Epochs), TrustSnapshot.Initial(1.0));
        for (int i = 0; i < 10; i++)
        {
            chain.Settle(At($"t-{i}", i));
        }

        chain.FoldThrough(long.MaxValue - 1);
        Assert.Empty(chain.Closes);
    }
}

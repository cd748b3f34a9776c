using PoQ.Consensus.Rules;
using PoQ.Rewards;
using PoQ.Settlement.Trust;

namespace PoQ.Settlement.Tests;

public sealed class MechanismTests
{
    private static Mechanism Make(ConsensusRule? rule = null, int quorum = 2, double epochSeconds = 2, double alpha = 1) =>
        new(rule ?? new TrustWeightedMeanRule(), new RewardParameters { AlphaInference = alpha }, quorum, TrustEpochs.Of(TimeSpan.FromSeconds(epochSeconds)));

    [Fact]
    public void Hash_ChangesWithEveryPart()
    {
        string baseline = Make().Hash;
        Assert.Equal(baseline, Make().Hash);
        Assert.NotEqual(baseline, Make(rule: new RobustTrustRule()).Hash);
        Assert.NotEqual(baseline, Make(quorum: 3).Hash);
        Assert.NotEqual(baseline, Make(epochSeconds: 0).Hash);
        Assert.NotEqual(baseline, Make(alpha: 2).Hash);
    }

    [Fact]
    public void FromConfigured_AsRecorded_RebuildsTheSameMechanism()
    {
        var mechanism = Make();
        var rebuilt = Mechanism.FromConfigured(mechanism.Configured);
        Assert.Empty(rebuilt.Problems);
        Assert.Equal(mechanism.Hash, rebuilt.Mechanism!.Hash);
        Assert.Equal(mechanism.Epochs, rebuilt.Mechanism.Epochs);
    }

    [Fact]
    public void FromConfigured_TamperedQuorum_IsReportedAndNotRebuilt()
    {
        var tampered = Make().Configured with { Quorum = 5 };
        var rebuilt = Mechanism.FromConfigured(tampered);
        Assert.Null(rebuilt.Mechanism);
        Assert.Contains(rebuilt.Problems, p => p.Contains("mechanism_hash", StringComparison.Ordinal));
    }
}

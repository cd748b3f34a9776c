using PoQ.Consensus.Rules;
using PoQ.Consensus.Tests.TestSupport;
using PoQ.Consensus.Trust;

namespace PoQ.Consensus.Tests.Rules;

public class TrustWeightedMedianRuleTests
{
    [Fact]
    public void Evaluate_HeavyEvaluator_PullsMedianToItsScore()
    {
        TrustEntry[] before = [new(1, 1), new(1, 1), new(3, 1)];
        var run = EngineRun.Of(new TrustWeightedMedianRule(), [1, 5, 9], before);
        // Total weight 5, half 2.5; cumulative 1, 2, 5 first exceeds half at 9.
        Assert.Equal(9.0, run.Consensus);
    }

    [Fact]
    public void Evaluate_CumulativeExactlyHalf_AveragesWithNextAndUpdatesFromIt()
    {
        TrustEntry[] before = [new(2, 1), new(1, 1), new(1, 1)];
        var run = EngineRun.Of(new TrustWeightedMedianRule(), [2, 4, 6], before);
        // Total 4, half 2: reached exactly at score 2 → (2 + 4) / 2 = 3.
        Assert.Equal(3.0, run.Consensus);
        // d from c = 3: 0.1, 0.1, 0.3; Eq. 21: 2·1.08 = 2.16, 1·1.08, 1·1.04.
        Assert.Equal(2.16, run.After[0].Weight, 1e-12);
        Assert.Equal(1.08, run.After[1].Weight, 1e-12);
        Assert.Equal(1.04, run.After[2].Weight, 1e-12);
    }

    [Fact]
    public void Evaluate_EqualWeights_IsOrdinaryMedian()
    {
        var run = EngineRun.Of(new TrustWeightedMedianRule(), [8, 2, 6, 4]);
        Assert.Equal(5.0, run.Consensus);
    }

    [Fact]
    public void Evaluate_CoalitionBelowHalfWeight_CannotLeaveHonestRange()
    {
        // Two colluders at 10 with total weight 2.9 against honest 4, 5, 6 with weight 3.
        TrustEntry[] before = [new(1, 5), new(1, 5), new(1, 5), new(1.45, 5), new(1.45, 5)];
        var run = EngineRun.Of(new TrustWeightedMedianRule(), [4, 5, 6, 10, 10], before);
        // Total 5.9, half 2.95; cumulative 1, 2, 3 → first above half at 6.
        Assert.Equal(6.0, run.Consensus);
    }
}

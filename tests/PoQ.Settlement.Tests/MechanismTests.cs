using PoQ.Consensus.Rules;
using PoQ.Rewards;
using PoQ.Settlement.Tests.TestSupport;
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

    private static Mechanism Paying(RewardParameters rewards) => new(new MedianRule(), rewards, 2, TrustEpochs.Of(TimeSpan.FromSeconds(2)));

    private static readonly RewardParameters Budget = new() { EvaluatorMode = EvaluatorRewardMode.Budget, EvaluatorBudget = 3m };

    // Parameters budget mode never reads: design.md splits the budget "in proportion to agreement", with no cost term.
    private static readonly RewardParameters BudgetWithOtherEvaluatorCosts =
        Budget with { AlphaEvaluator = 2, BetaEvaluator = 0.9, EvaluatorLatency = new LatencyBounds(50, 300) };

    [Fact]
    public void RewardParamsHash_BudgetModeWithOtherEvaluatorCostParameters_IsEqualBecausePayoutsAre()
    {
        var facts = Facts.Task("t-1", ("ev-1", 3), ("ev-2", 6), ("ev-3", 8));
        var left = SettlementDecider.Decide(facts, 0, TrustSnapshot.Initial(1), Paying(Budget));
        var right = SettlementDecider.Decide(facts, 0, TrustSnapshot.Initial(1), Paying(BudgetWithOtherEvaluatorCosts));

        // Same payouts to the last bit, so the hash that travels with them must not tell the two apart.
        Assert.Equal(left.Settlement.Verdicts.Select(v => v.Reward), right.Settlement.Verdicts.Select(v => v.Reward));
        Assert.Equal(Paying(Budget).RewardParamsHash, Paying(BudgetWithOtherEvaluatorCosts).RewardParamsHash);
        Assert.Equal(Paying(Budget).Hash, Paying(BudgetWithOtherEvaluatorCosts).Hash);
    }

    [Fact]
    public void RewardParamsHash_EveryParameterTheModePaysWith_Differs()
    {
        var linear = new RewardParameters();
        string linearHash = Paying(linear).RewardParamsHash;
        Assert.NotEqual(linearHash, Paying(linear with { BetaEvaluator = 0.9 }).RewardParamsHash);
        Assert.NotEqual(linearHash, Paying(linear with { AlphaEvaluator = 2 }).RewardParamsHash);
        Assert.NotEqual(linearHash, Paying(linear with { EvaluatorLatency = new LatencyBounds(50, 300) }).RewardParamsHash);
        string budgetHash = Paying(Budget).RewardParamsHash;
        Assert.NotEqual(budgetHash, Paying(Budget with { EvaluatorBudget = 4m }).RewardParamsHash);
        Assert.NotEqual(budgetHash, Paying(Budget with { BetaInference = 0.9 }).RewardParamsHash);
        Assert.NotEqual(budgetHash, linearHash);
    }

    [Fact]
    public void FromConfigured_BudgetModeAsRecorded_RebuildsTheSameMechanism()
    {
        var mechanism = Paying(BudgetWithOtherEvaluatorCosts);
        var rebuilt = Mechanism.FromConfigured(mechanism.Configured);
        Assert.Empty(rebuilt.Problems);
        Assert.Equal(mechanism.Hash, rebuilt.Mechanism!.Hash);
    }
}

using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PoQ.Consensus.Rules;
using PoQ.Consensus.Trust;
using PoQ.Rewards;
using PoQ.Settlement.Events;
using PoQ.Settlement.Tests.TestSupport;
using PoQ.Settlement.Trust;

namespace PoQ.Settlement.Tests;

public sealed class SettlementDeciderTests
{
    private static Mechanism With(ConsensusRule rule, int quorum = 1) => new(rule, new RewardParameters(), quorum, TrustEpochs.Of(TimeSpan.FromSeconds(2)));

    private static readonly TrustSnapshot Unseen = TrustSnapshot.Initial(1.0);

    [Fact]
    public void Decide_FewerScoresThanQuorum_IsInsufficientWithoutRewards()
    {
        var finalized = SettlementDecider.Decide(Facts.Task("t-1", ("ev-1", 4), ("ev-2", 6)), 7, Unseen, With(new TrustWeightedMeanRule(), quorum: 3));
        Assert.Equal(TaskSettlement.Insufficient, finalized.Settlement.Status);
        Assert.Null(finalized.Settlement.Consensus);
        Assert.Equal(0, finalized.Settlement.InferenceReward);
        Assert.Empty(finalized.Settlement.Verdicts);
        Assert.Empty(TrustFold.SignalsOf(finalized));
    }

    [Fact]
    public void Decide_NoScores_IsInsufficient()
    {
        var finalized = SettlementDecider.Decide(Facts.Task("t-1"), 0, Unseen, With(new MeanRule()));
        Assert.False(finalized.Settlement.IsReached);
    }

    [Fact]
    public void Decide_QuorumMet_RecordsRuleHashesEpochAndRewards()
    {
        var mechanism = With(new MedianRule(), quorum: 3);
        var finalized = SettlementDecider.Decide(Facts.Task("t-1", ("ev-1", 4), ("ev-2", 6), ("ev-3", 9)), 42, Unseen, mechanism);
        var s = finalized.Settlement;
        Assert.Equal(6.0, s.Consensus);
        Assert.Equal(("median", mechanism.Rule.ParamsHash, mechanism.RewardParamsHash, mechanism.Hash), (s.Rule, s.ParamsHash, s.RewardParamsHash, s.MechanismHash));
        Assert.Equal(42, finalized.Epoch);

        // R_F = α·c/10 − β·ĉ with the default bounds 0–5,000 ms: 1·0.6 − 0.5·(400/5000).
        Assert.Equal(0.6 - (0.5 * 400 / 5000), s.InferenceReward, 12);
        Assert.All(s.Verdicts, v => Assert.True(v.Reward > 0));
    }

    [Fact]
    public void Decide_Always_OrdersVerdictsByOrdinalEvaluatorId()
    {
        var finalized = SettlementDecider.Decide(Facts.Task("t-1", ("ev-b", 1), ("ev-B", 2), ("ev-a", 3)), 0, Unseen, With(new MeanRule()));

        // Ordinal: 'B' (0x42) < 'a' (0x61) < 'b' (0x62).
        Assert.Equal(["ev-B", "ev-a", "ev-b"], finalized.Settlement.Verdicts.Select(v => v.EvaluatorId));
    }

    [Fact]
    public void Decide_TrustRule_WeighsByTheTrustGiven()
    {
        var trust = new TrustSnapshot(1.0, [new("ev-1", new TrustEntry(3, 9)), new("ev-2", new TrustEntry(1, 9))], 5);
        var finalized = SettlementDecider.Decide(Facts.Task("t-1", ("ev-2", 2), ("ev-1", 6)), 7, trust, With(new TrustWeightedMeanRule()));

        // (3·6 + 1·2) / 4 = 5; the verdicts record the trust in force and the step each contributes.
        Assert.Equal(5.0, finalized.Settlement.Consensus!.Value, 12);
        Assert.Equal([3.0, 1.0], finalized.Settlement.Verdicts.Select(v => v.Weight));
        Assert.Equal([3.0, 1.0], finalized.Settlement.Verdicts.Select(v => v.TrustBefore));
        Assert.Equal([9, 9], finalized.Settlement.Verdicts.Select(v => v.ObservationsBefore));
    }

    [Fact]
    public void Decide_TrustRuleAllWeightsZero_ReachesAFiniteConsensusAndPays()
    {
        // A snapshot holding weight 0 for every scorer (restored or foreign; no validated rule folds to 0): the task
        // still has its quorum of scores, so it settles — on the unweighted mean — instead of recording NaN.
        var zero = new TrustSnapshot(1.0, [new("ev-1", new TrustEntry(0, 4)), new("ev-2", new TrustEntry(0, 4))], 3);
        var facts = Facts.Task("t-1", ("ev-1", 2), ("ev-2", 6));
        var finalized = SettlementDecider.Decide(facts, 4, zero, With(new TrustWeightedMeanRule()));
        var unweighted = SettlementDecider.Decide(facts, 4, Unseen, With(new MeanRule()));

        Assert.True(finalized.Settlement.IsReached);
        Assert.Equal(unweighted.Settlement.Consensus, finalized.Settlement.Consensus);
        Assert.Equal(unweighted.Settlement.InferenceReward, finalized.Settlement.InferenceReward);
        Assert.All(finalized.Settlement.Verdicts, v => Assert.True(double.IsFinite(v.Reward) && double.IsFinite(v.TrustAfter)));
    }

    [Fact]
    public void Decide_RobustTrust_RecordsDeviationFromTheMedianAsTrustSignal()
    {
        // Median 5; the trust-weighted consensus differs, so the reward deviation and the trust signal differ.
        var trust = new TrustSnapshot(1.0, [new("ev-3", new TrustEntry(3, 50))], 0);
        var finalized = SettlementDecider.Decide(Facts.Task("t-1", ("ev-1", 4), ("ev-2", 5), ("ev-3", 9)), 0, trust, With(new RobustTrustRule()));
        var v3 = finalized.Settlement.Verdicts.Single(v => v.EvaluatorId == "ev-3");
        Assert.Equal(0.4, v3.TrustSignal, 12);
        Assert.NotEqual(v3.Deviation, v3.TrustSignal);
    }

    [Fact]
    public void Decide_Yuma_RecordsBondTargetsThatTheEpochFoldStepsLikeTheTask()
    {
        // Stakes 0.5, 1.5, 1, 1 on 4, 6, 7, 10: C = 7, consensus 25 / 4 = 6.25, bond targets Sᵢ·min(sᵢ, 7) / 6.25 =
        // 0.32, 1.44, 1.12, 1.12; the EMA (α = 0.1) gives 0.482, 1.494, 1.012, 1.012 (see YumaRuleTests).
        var start = new KeyValuePair<string, TrustEntry>[] { new("ev-1", new(0.5, 1)), new("ev-2", new(1.5, 1)), new("ev-3", new(1, 1)), new("ev-4", new(1, 1)) };
        var rule = new YumaRule();
        var finalized = SettlementDecider.Decide(Facts.Task("t-1", ("ev-1", 4), ("ev-2", 6), ("ev-3", 7), ("ev-4", 10)), 0, new TrustSnapshot(1.0, start, 0), With(rule));
        Assert.Equal(6.25, finalized.Settlement.Consensus!.Value, 12);
        var verdicts = finalized.Settlement.Verdicts.OrderBy(v => v.EvaluatorId, StringComparer.Ordinal).ToArray();
        Assert.Equal([0.32, 1.44, 1.12, 1.12], verdicts.Select(v => v.TrustSignal), (x, y) => Math.Abs(x - y) < 1e-12);

        // Epoch trust, replay and audit verify fold the recorded signals with the rule's settings alone: the bond EMA again.
        var ledger = new TrustLedger(1.0, start);
        TrustFold.Apply(ledger, rule.Trust, TrustFold.SignalsOf(finalized));
        Assert.All(verdicts, v => Assert.Equal(v.TrustAfter, ledger.Of(v.EvaluatorId).Weight));
        Assert.Equal([0.482, 1.494, 1.012, 1.012], verdicts.Select(v => v.TrustAfter), (x, y) => Math.Abs(x - y) < 1e-12);
    }

    [Fact]
    public void Decide_SameEvaluatorTwice_Throws() =>
        Assert.Throws<ArgumentException>(() => SettlementDecider.Decide(Facts.Task("t-1", ("ev-1", 4), ("ev-1", 5)), 0, Unseen, With(new MeanRule())));

    [Property(MaxTest = 500)]
    public Property Decide_PermutedAcceptedScores_GivesIdenticalSettlement()
    {
        var cases = Gen.Choose(1, 9).SelectMany(k => Gen.ArrayOf(Gen.Choose(0, 1000).Select(i => i / 100.0), k))
            .SelectMany(scores => Gen.Shuffle(Enumerable.Range(0, scores.Length)).Select(p => (scores, p.ToArray())))
            .ToArbitrary();
        return Prop.ForAll(cases, c =>
        {
            var (scores, permutation) = c;
            var pairs = scores.Select((s, i) => ($"ev-{i}", s)).ToArray();
            var trust = new TrustSnapshot(1.0, pairs.Select((p, i) => new KeyValuePair<string, TrustEntry>(p.Item1, new TrustEntry(0.5 + (i * 0.25), i))), 0);
            var mechanism = With(new TrustWeightedMedianRule());
            var original = SettlementDecider.Decide(Facts.Task("t", pairs), 1, trust, mechanism);
            var permuted = SettlementDecider.Decide(Facts.Task("t", [.. permutation.Select(i => pairs[i])]), 1, trust, mechanism);

            // Invariant: the settlement — consensus bits and every verdict — does not depend on the order scores arrived in.
            return original.Settlement.Consensus.Equals(permuted.Settlement.Consensus)
                && original.Settlement.InferenceReward.Equals(permuted.Settlement.InferenceReward)
                && original.Settlement.Verdicts.SequenceEqual(permuted.Settlement.Verdicts);
        });
    }
}

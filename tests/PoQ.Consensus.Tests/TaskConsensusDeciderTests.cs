using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PoQ.Consensus.Outcomes;
using PoQ.Consensus.Rules;
using PoQ.Consensus.Tests.TestSupport;
using PoQ.Consensus.Trust;

namespace PoQ.Consensus.Tests;

public class TaskConsensusDeciderTests
{
    private static TrustEntry Unseen(string evaluatorId) => TrustEntry.Initial(1.0);

    [Fact]
    public void Decide_FewerScoresThanQuorum_IsInsufficientNotAnException()
    {
        var outcome = TaskConsensusDecider.Decide("t-1", new TrustWeightedMeanRule(), [new("ev-1", 4), new("ev-2", 6)], Unseen, quorum: 3);
        Assert.Equal(ConsensusStatus.Insufficient, outcome.Status);
        Assert.True(double.IsNaN(outcome.Consensus));
        // No trust update: before and after are the same state.
        Assert.All(outcome.Verdicts, v => Assert.Equal(v.TrustBefore, v.TrustAfter));
        Assert.All(outcome.Verdicts, v => Assert.False(v.Excluded));
    }

    [Fact]
    public void Decide_NoScores_IsInsufficient()
    {
        var outcome = TaskConsensusDecider.Decide("t-1", new MeanRule(), [], Unseen);
        Assert.Equal(ConsensusStatus.Insufficient, outcome.Status);
        Assert.Empty(outcome.Verdicts);
    }

    [Fact]
    public void Decide_QuorumMet_ReachesConsensusWithRuleAndHash()
    {
        var rule = new MedianRule();
        var outcome = TaskConsensusDecider.Decide("t-1", rule, [new("ev-1", 4), new("ev-2", 6), new("ev-3", 9)], Unseen, quorum: 3);
        Assert.Equal(ConsensusStatus.Reached, outcome.Status);
        Assert.Equal(6.0, outcome.Consensus);
        Assert.Equal(("t-1", "median", rule.ParamsHash), (outcome.TaskId, outcome.Rule, outcome.ParamsHash));
    }

    [Fact]
    public void Decide_Always_OrdersVerdictsByOrdinalEvaluatorId()
    {
        var outcome = TaskConsensusDecider.Decide("t-1", new MeanRule(), [new("ev-b", 1), new("ev-B", 2), new("ev-a", 3)], Unseen);
        // Ordinal: 'B' (0x42) < 'a' (0x61) < 'b' (0x62).
        Assert.Equal(["ev-B", "ev-a", "ev-b"], outcome.Verdicts.Select(v => v.EvaluatorId));
        Assert.Equal([2.0, 3.0, 1.0], outcome.Verdicts.Select(v => v.Score));
    }

    [Fact]
    public void Decide_TrustRule_ReadsTrustPerEvaluator()
    {
        var trust = new Dictionary<string, TrustEntry> { ["ev-1"] = new(3, 9), ["ev-2"] = new(1, 9) };
        var outcome = TaskConsensusDecider.Decide("t-1", new TrustWeightedMeanRule(), [new("ev-2", 2), new("ev-1", 6)], id => trust[id]);
        // (3·6 + 1·2) / 4 = 5.
        Assert.Equal(5.0, outcome.Consensus, 1e-12);
        Assert.Equal([3.0, 1.0], outcome.Verdicts.Select(v => v.WeightInForce));
    }

    [Fact]
    public void Decide_DuplicateEvaluator_Throws() =>
        Assert.Throws<ArgumentException>(() => TaskConsensusDecider.Decide("t-1", new MeanRule(), [new("ev-1", 4), new("ev-1", 5)], Unseen));

    [Fact]
    public void Decide_QuorumBelowOne_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => TaskConsensusDecider.Decide("t-1", new MeanRule(), [new("ev-1", 4)], Unseen, quorum: 0));

    [Property(MaxTest = 500)]
    public Property Decide_PermutedArrivalOrder_GivesIdenticalOutcome()
    {
        var cases = Generators.Rule.Zip(Generators.ScoresWithTrust)
            .SelectMany(c => Generators.Permutation(c.Item2.Scores.Length).Select(p => (c.Item1, c.Item2.Scores, c.Item2.Trust, p)))
            .ToArbitrary();
        return Prop.ForAll(cases, c =>
        {
            (var rule, double[] scores, TrustEntry[] trust, int[] p) = c;
            var byId = Enumerable.Range(0, scores.Length).ToDictionary(i => $"ev-{i}", i => trust[i]);
            EvaluatorScore[] arrivals = [.. scores.Select((s, i) => new EvaluatorScore($"ev-{i}", s))];
            var original = TaskConsensusDecider.Decide("t", rule, arrivals, id => byId[id]);
            var permuted = TaskConsensusDecider.Decide("t", rule, [.. p.Select(i => arrivals[i])], id => byId[id]);
            // Invariant: the outcome — consensus bits and every verdict, including which evaluator was trimmed
            // among tied scores — does not depend on the order in which scores arrived.
            return BitConverter.DoubleToInt64Bits(original.Consensus) == BitConverter.DoubleToInt64Bits(permuted.Consensus)
                && original.Verdicts.SequenceEqual(permuted.Verdicts);
        });
    }
}

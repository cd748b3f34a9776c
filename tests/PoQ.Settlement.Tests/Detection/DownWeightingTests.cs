using PoQ.Consensus.Rules;
using PoQ.Rewards;
using PoQ.Settlement.Events;
using PoQ.Settlement.Trust;

namespace PoQ.Settlement.Tests.Detection;

public sealed class DownWeightingTests
{
    private static readonly string[] Evaluators = ["ev-1", "ev-2", "ev-3", "ev-4", "ev-5"];

    [Fact]
    public void Settle_FlaggedBooster_IsPaidLessAndCarriesTheFlaggedWeight()
    {
        var plain = Run(RuleCatalog.Create("trust"), flagged: null);
        var down = Run(RuleCatalog.Create("trust", new Dictionary<string, string> { ["flagged_weight"] = "0.1" }), flagged: ["ev-5"]);

        Assert.True(down.BoosterPaid < plain.BoosterPaid);
        Assert.True(down.HonestPaid > plain.HonestPaid);
        Assert.Equal(0.1 * down.LastBoosterTrust, down.LastBoosterWeight, 12);
    }

    [Fact]
    public void FlaggedWeight_One_KeepsTheRuleHash()
    {
        Assert.Equal(RuleCatalog.Create("trust").ParamsHash, RuleCatalog.Create("trust", new Dictionary<string, string> { ["flagged_weight"] = "1" }).ParamsHash);
        Assert.NotEqual(RuleCatalog.Create("trust").ParamsHash, RuleCatalog.Create("trust", new Dictionary<string, string> { ["flagged_weight"] = "0.1" }).ParamsHash);
    }

    [Theory]
    [InlineData("median", "0.1")]
    [InlineData("trust", "0")]
    [InlineData("trust", "1.5")]
    public void FlaggedWeight_OnAnUnweightedRuleOrOutOfRange_IsRejected(string rule, string weight)
    {
        Assert.False(RuleCatalog.TryCreate(rule, new Dictionary<string, string> { ["flagged_weight"] = weight }, out _, out var problems));
        Assert.Contains(problems, p => p.Contains("flagged_weight", StringComparison.Ordinal));
    }

    private static (double BoosterPaid, double HonestPaid, double LastBoosterWeight, double LastBoosterTrust) Run(ConsensusRule rule, string[]? flagged)
    {
        var mechanism = new Mechanism(rule, new RewardParameters(), quorum: 1, TrustEpochs.Sequential);
        var chain = new SettlementChain(mechanism, TrustSnapshot.Initial(mechanism.InitialWeight), flagged);
        double booster = 0;
        double honest = 0;
        RecordedVerdict? last = null;
        for (int t = 0; t < 50; t++)
        {
            double quality = 3 + (t % 5);
            var scores = Evaluators.Select((e, i) => e == "ev-5" ? Math.Min(10, quality + 4) : quality + (0.1 * i)).ToArray();
            var settlement = chain.Settle(Facts(t, scores), t + 1).Settlement;
            foreach (var verdict in settlement.Verdicts)
            {
                if (verdict.EvaluatorId == "ev-5")
                {
                    booster += verdict.Reward;
                    last = verdict;
                }
                else
                {
                    honest += verdict.Reward;
                }
            }
        }

        return (booster, honest, last!.Weight, last.TrustBefore);
    }

    private static TaskFacts Facts(int t, double[] scores)
    {
        var at = DateTimeOffset.UnixEpoch.AddSeconds(t + 1);
        string task = "t-" + t.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new TaskFacts
        {
            TaskId = task,
            TaskType = "qa",
            InferenceNodeId = "node-1",
            SubmittedAt = at,
            InferenceLatencyMs = 500,
            SampledEvaluators = Evaluators,
            TaskSource = new SourceRef(0, t),
            TaskTime = at,
            AcceptedScores = [.. Evaluators.Select((e, i) => new RecordedScore(task + "/" + e, e, scores[i], 100, at, new SourceRef(0, t)))],
            CloseReason = CloseReasons.AllScored,
            ClosedAt = at,
            ClosedBy = new RecordRef("test", 0, t),
        };
    }
}

using PoQ.Consensus.Rules;
using PoQ.Projections.Events;
using PoQ.Projections.Replay;
using PoQ.Rewards;
using PoQ.Simulation.Attacks;

namespace PoQ.Replay.Tests;

public class ReplayEngineTests
{
    [Theory]
    [InlineData("trust", AttackKind.Boost)]
    [InlineData("robust-trust", AttackKind.Sabotage)]
    [InlineData("trust-median", AttackKind.Intermittent)]
    [InlineData("trimmed", AttackKind.Noise)]
    public void Run_RecordedRuleFromAnyStart_ReproducesEveryTaskBitForBit(string ruleName, AttackKind attack)
    {
        var rule = RuleCatalog.Create(ruleName);
        var (facts, _) = SimulatedHistory.Facts(SimulatedHistory.Network(600, attack));
        var recorded = SimulatedHistory.Settle(SimulatedHistory.Settler(rule), facts);

        // From the beginning and from the middle: starting trust comes from the recorded verdicts.
        foreach (int start in new[] { 0, 1, 250, 599 })
        {
            var range = recorded.Skip(start).ToList();
            var replayed = ReplayEngine.Run(range, rule, new RewardParameters(), SimulatedHistory.Quorum);
            for (int i = 0; i < range.Count; i++)
            {
                Assert.True(TaskOutcome.From(range[i]).IdenticalTo(TaskOutcome.From(replayed[i])), $"task {range[i].TaskId} (start {start}) differs");
                Assert.Equal(range[i].Sequence, replayed[i].Sequence);
            }
        }
    }

    [Fact]
    public void Run_History_HasInsufficientTasksThatLeaveTrustAlone()
    {
        var rule = RuleCatalog.Create("trust");
        var (facts, _) = SimulatedHistory.Facts(SimulatedHistory.Network(200));
        var recorded = SimulatedHistory.Settle(SimulatedHistory.Settler(rule), facts);
        Assert.Contains(recorded, t => t.Settlement.Status == Settlement.Insufficient);
        Assert.Contains(recorded, t => t.Facts.AcceptedScores.Count == 4);
    }

    [Fact]
    public void StartingTrust_FirstVerdictInRange_IsTheStateBeforeTheRange()
    {
        var verdict = (string id, double before, int observations) => new RecordedVerdict(id, 1, false, 0, before, observations, before + 0.1, 0.5);
        var tasks = new[]
        {
            Task(1, verdict("ev-1", 1.5, 4), verdict("ev-2", 1.0, 0)),
            Task(2, verdict("ev-1", 1.6, 5), verdict("ev-3", 2.0, 9)),
        };

        var start = ReplayEngine.StartingTrust(tasks);

        Assert.Equal(new[] { "ev-1", "ev-3" }, start.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(1.5, start["ev-1"].Weight);
        Assert.Equal(4, start["ev-1"].Observations);
        Assert.Equal(2.0, start["ev-3"].Weight); // never-observed ev-2 is left to the replayed rule's w0
    }

    [Fact]
    public void RecordedRewards_CanonicalForm_ParsesBackToTheSameHash()
    {
        var parameters = new RewardParameters { AlphaInference = 0.7, BetaEvaluator = 0.25, EvaluatorMode = EvaluatorRewardMode.Budget, EvaluatorBudget = 1.5m };
        var configured = new Projections.Settling.TaskSettler(RuleCatalog.Create("mean"), parameters, 2).Configuration;

        var (parsed, problem) = RecordedRewards.Parse(configured.RewardParameters, configured.RewardParamsHash);

        Assert.Null(problem);
        Assert.Equal(parameters, parsed);
        Assert.NotNull(RecordedRewards.Parse(configured.RewardParameters, "0000000000000000").Problem);
    }

    private static TaskFinalized Task(long sequence, params RecordedVerdict[] verdicts) => new(
        new TaskFacts
        {
            TaskId = $"t{sequence}", TaskType = "qa", InferenceNodeId = "inf-1", SubmittedAt = DateTimeOffset.UnixEpoch, InferenceLatencyMs = 100,
            SampledEvaluators = [.. verdicts.Select(v => v.EvaluatorId)], TaskSource = new SourceRef(0, sequence), AcceptedScores = [],
            CloseReason = "all_scored", ClosedAt = DateTimeOffset.UnixEpoch,
        },
        sequence,
        new Settlement { Status = Settlement.Reached, Rule = "trust", ParamsHash = "h", RewardParamsHash = "r", Consensus = 5, Verdicts = verdicts });
}

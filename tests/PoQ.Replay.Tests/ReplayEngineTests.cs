using PoQ.Consensus.Rules;
using PoQ.Projections.Replay;
using PoQ.Settlement;
using PoQ.Settlement.Events;
using PoQ.Settlement.Trust;
using PoQ.Simulation.Attacks;

namespace PoQ.Replay.Tests;

public class ReplayEngineTests
{
    [Theory]
    [InlineData("trust", AttackKind.Boost, 500)]
    [InlineData("robust-trust", AttackKind.Sabotage, 500)]
    [InlineData("trust-median", AttackKind.Intermittent, 500)]
    [InlineData("trimmed", AttackKind.Noise, 500)]
    [InlineData("trust", AttackKind.Boost, 0)]
    [InlineData("robust-trust", AttackKind.Collusion, 0)]
    public void Run_RecordedMechanismFromAnyStart_ReproducesEveryTaskBitForBit(string ruleName, AttackKind attack, int epochMs)
    {
        var mechanism = SimulatedHistory.Mechanism(RuleCatalog.Create(ruleName), TrustEpochs.Of(TimeSpan.FromMilliseconds(epochMs)));
        var (facts, _) = SimulatedHistory.Facts(SimulatedHistory.Network(600, attack));
        var (recorded, closes) = SimulatedHistory.Settle(mechanism, facts);

        // From the beginning and from the middle of an epoch: trust starts from the recorded closes (or verdicts).
        foreach (int start in new[] { 0, 1, 250, 599 })
        {
            var range = recorded.Skip(start).ToList();
            var ranks = Enumerable.Range(start + 1, range.Count).Select(i => (long)i).ToList();
            var replayed = ReplayEngine.Run(range, ranks, mechanism, closes, recordedBefore: recorded.Take(start).ToList());
            for (int i = 0; i < range.Count; i++)
            {
                Assert.True(TaskOutcome.From(range[i], ranks[i]).IdenticalTo(TaskOutcome.From(replayed[i], ranks[i])), $"task {range[i].TaskId} (start {start}) differs");
                Assert.Equal(range[i].Epoch, replayed[i].Epoch);
            }
        }
    }

    [Fact]
    public void Run_History_HasInsufficientTasksAndEpochCloses()
    {
        var (facts, _) = SimulatedHistory.Facts(SimulatedHistory.Network(200));
        var (recorded, closes) = SimulatedHistory.Settle(SimulatedHistory.Mechanism(RuleCatalog.Create("trust")), facts);
        Assert.Contains(recorded, t => !t.Settlement.IsReached);
        Assert.Contains(recorded, t => t.Facts.AcceptedScores.Count == 4);
        Assert.True(closes.Count >= 3, $"{closes.Count} epoch closes");
    }

    [Fact]
    public void Run_AnotherTrustEpoch_SettlesInTheNewEpochs()
    {
        var (facts, _) = SimulatedHistory.Facts(SimulatedHistory.Network(300));
        var (recorded, closes) = SimulatedHistory.Settle(SimulatedHistory.Mechanism(RuleCatalog.Create("trust")), facts);
        var longer = SimulatedHistory.Mechanism(RuleCatalog.Create("trust"), TrustEpochs.Of(TimeSpan.FromSeconds(1)));
        var replayed = ReplayEngine.Run(recorded, [.. Enumerable.Range(1, recorded.Count).Select(i => (long)i)], longer, closes);
        Assert.All(replayed, t => Assert.Equal(longer.Epochs.EpochOf(t.Facts.ClosedAt), t.Epoch));
        Assert.Contains(replayed.Zip(recorded), p => p.First.Settlement.Verdicts.Select(v => v.TrustBefore).SequenceEqual(p.Second.Settlement.Verdicts.Select(v => v.TrustBefore)) is false);
    }

    [Fact]
    public void StartingTrust_FirstVerdictInRange_IsTheStateBeforeTheRange()
    {
        var verdict = (string id, double before, int observations) => new RecordedVerdict(id, 1, false, 0, before, observations, 0, before + 0.1, 0.5);
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

    private static TaskFinalized Task(long epoch, params RecordedVerdict[] verdicts) => new(
        new TaskFacts
        {
            TaskId = $"t{epoch}", TaskType = "qa", InferenceNodeId = "inf-1", SubmittedAt = DateTimeOffset.UnixEpoch, InferenceLatencyMs = 100,
            SampledEvaluators = [.. verdicts.Select(v => v.EvaluatorId)], TaskSource = new SourceRef(0, epoch), TaskTime = DateTimeOffset.UnixEpoch, AcceptedScores = [],
            CloseReason = CloseReasons.AllScored, ClosedAt = DateTimeOffset.UnixEpoch, ClosedBy = new RecordRef("poq.scores", 0, 0),
        },
        epoch,
        new TaskSettlement { Status = TaskSettlement.Reached, Rule = "trust", ParamsHash = "h", RewardParamsHash = "r", MechanismHash = "m", Consensus = 5, Verdicts = verdicts });
}

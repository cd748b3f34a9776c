using PoQ.Ingest.Contract;
using PoQ.Ingest.Publishing;
using PoQ.SimulatedFeed;
using PoQ.Simulation.Network;

namespace PoQ.Pipeline.Tests.Feed;

public sealed class SimulatedRecordsTests
{
    private static readonly NetworkScenarioOptions Scenario = new() { Tasks = 200, BadMessageRatio = 0.2, Seed = 7 };

    [Fact]
    public void Of_EveryMessage_KeepsItsTimeAndKindInOrder()
    {
        var messages = NetworkScenario.Generate(Scenario).ToList();
        var records = SimulatedRecords.Of(messages).ToList();
        Assert.Equal(messages.Count, records.Count);
        Assert.All(messages.Zip(records), pair =>
        {
            var (message, record) = pair;
            Assert.Equal(message.Timestamp, record.Timestamp);
            Assert.Equal(
                message switch { SimulatedTask => typeof(OutgoingTask), SimulatedScore => typeof(OutgoingScore), FaultyMessage => typeof(OutgoingPayload), _ => typeof(OutgoingClock) },
                record.GetType());
        });
    }

    [Fact]
    public void Of_TaskAndScore_CarryTheirFieldsAndLeaveTheHiddenOnesBehind()
    {
        var messages = NetworkScenario.Generate(Scenario).ToList();
        var task = messages.OfType<SimulatedTask>().First();
        var score = messages.OfType<SimulatedScore>().First();
        var outgoingTask = Assert.IsType<OutgoingTask>(SimulatedRecords.Of(task));
        var outgoingScore = Assert.IsType<OutgoingScore>(SimulatedRecords.Of(score));
        Assert.Equal(new TaskSubmitted(task.TaskId, task.TaskType, task.InferenceNodeId, task.SubmittedAt, task.LatencyMs, task.Evaluators), outgoingTask.Task);
        Assert.Equal(new ScoreSubmitted(score.ScoreId, score.TaskId, score.EvaluatorId, score.Score, score.LatencyMs, score.SubmittedAt), outgoingScore.Score);
    }

    [Fact]
    public void Of_Fault_KeepsTheSimulatorsPayloadKeyAndTopic()
    {
        var fault = NetworkScenario.Generate(Scenario).OfType<FaultyMessage>().First();
        var payload = Assert.IsType<OutgoingPayload>(SimulatedRecords.Of(fault));
        Assert.Equal((fault.Key, fault.ToTasksTopic, fault.Payload), (payload.Key, payload.ToTasksTopic, payload.Payload));
    }

    [Fact]
    public void Of_FaultsExpectedReasons_AreWireContractCodes() =>
        Assert.All(NetworkScenario.Generate(Scenario).OfType<FaultyMessage>(), fault => Assert.Contains(fault.ExpectedReason, ReasonCodes.All));
}

using PoQ.Ingest.Contract;
using PoQ.Ingest.Publishing;
using PoQ.Simulation.Network;

namespace PoQ.SimulatedFeed;

/// <summary>
/// The simulated network as input records: the one place where the simulator's messages meet the wire contract, so
/// neither depends on the other. The hidden truth and the malice tags stay behind; a fault keeps its payload as the
/// simulator wrote it.
/// </summary>
public static class SimulatedRecords
{
    /// <summary>Each message as the record <see cref="WirePublisher"/> publishes, lazily and in order.</summary>
    public static IEnumerable<OutgoingRecord> Of(IEnumerable<ScenarioMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        return messages.Select(Of);
    }

    /// <summary>Each message as its record, scores signed by <paramref name="identities"/> (<see cref="SimulatedIdentities.Sign"/>).</summary>
    public static IEnumerable<OutgoingRecord> Of(IEnumerable<ScenarioMessage> messages, SimulatedIdentities identities)
    {
        ArgumentNullException.ThrowIfNull(identities);
        return Of(messages).Select(identities.Sign);
    }

    /// <summary>One message as its record.</summary>
    public static OutgoingRecord Of(ScenarioMessage message) => message switch
    {
        SimulatedTask task => new OutgoingTask(
            new TaskSubmitted(task.TaskId, task.TaskType, task.InferenceNodeId, task.SubmittedAt, task.LatencyMs, task.Evaluators), task.Timestamp),
        SimulatedScore score => new OutgoingScore(
            new ScoreSubmitted(score.ScoreId, score.TaskId, score.EvaluatorId, score.Score, score.LatencyMs, score.SubmittedAt), score.Timestamp),
        FaultyMessage fault => new OutgoingPayload(fault.Key, fault.ToTasksTopic, fault.Payload, fault.Timestamp),
        ClockTick tick => new OutgoingClock(tick.Timestamp),
        _ => throw new ArgumentOutOfRangeException(nameof(message), message, "not a message of the simulated network"),
    };
}

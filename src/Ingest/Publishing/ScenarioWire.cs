using System.Text.Json;
using PoQ.Ingest.Contract;
using PoQ.Simulation.Network;

namespace PoQ.Ingest.Publishing;

/// <summary>Turns simulated messages into wire contract v1 payloads (the hidden truth and malice tags stay behind).</summary>
public static class ScenarioWire
{
    /// <summary>(to the tasks topic?, key, payload) of one simulated message; clock ticks go to every partition instead.</summary>
    public static (bool ToTasksTopic, string Key, byte[] Payload) ToWire(ScenarioMessage message) => message switch
    {
        SimulatedTask task => (true, task.Key, JsonSerializer.SerializeToUtf8Bytes(
            new WireTaskMessage
            {
                Type = "task",
                TaskId = task.TaskId,
                TaskType = task.TaskType,
                InferenceNodeId = task.InferenceNodeId,
                SubmittedAt = task.SubmittedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                Cost = new WireCost { LatencyMs = task.LatencyMs },
                Evaluators = [.. task.Evaluators],
            },
            WireJsonContext.Default.WireTaskMessage)),
        SimulatedScore score => (false, score.Key, JsonSerializer.SerializeToUtf8Bytes(
            new WireScoreMessage
            {
                Type = "score",
                ScoreId = score.ScoreId,
                TaskId = score.TaskId,
                EvaluatorId = score.EvaluatorId,
                Score = score.Score,
                Cost = new WireCost { LatencyMs = score.LatencyMs },
                SubmittedAt = score.SubmittedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            },
            WireJsonContext.Default.WireScoreMessage)),
        FaultyMessage fault => (fault.ToTasksTopic, fault.Key, System.Text.Encoding.UTF8.GetBytes(fault.Payload)),
        _ => throw new ArgumentOutOfRangeException(nameof(message), message, "no single-topic wire form (clock ticks go to every partition)"),
    };
}

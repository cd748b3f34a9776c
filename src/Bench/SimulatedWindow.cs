using PoQ.Ingest.Contract;
using PoQ.Settlement.Events;
using PoQ.Simulation.Network;

namespace PoQ.Bench;

/// <summary>The facts of a simulated task whose window took every sampled evaluator's score (the benches' one way to make them).</summary>
public static class SimulatedWindow
{
    /// <summary>Facts of <paramref name="task"/> on <paramref name="partition"/>, closed at <paramref name="closedAt"/> by the score at <paramref name="closedByOffset"/>.</summary>
    public static TaskFacts Facts(SimulatedTask task, int partition, long taskOffset, IReadOnlyList<RecordedScore> scores, DateTimeOffset closedAt, long closedByOffset)
    {
        ArgumentNullException.ThrowIfNull(task);
        return new TaskFacts
        {
            TaskId = task.TaskId,
            TaskType = task.TaskType,
            InferenceNodeId = task.InferenceNodeId,
            SubmittedAt = task.SubmittedAt,
            InferenceLatencyMs = task.LatencyMs,
            SampledEvaluators = task.Evaluators,
            TaskSource = new SourceRef(partition, taskOffset),
            TaskTime = task.SubmittedAt,
            AcceptedScores = scores,
            CloseReason = CloseReasons.AllScored,
            ClosedAt = closedAt,
            ClosedBy = new RecordRef(TopicNames.Default.Scores, partition, closedByOffset),
        };
    }
}

using PoQ.Pipeline;
using PoQ.Projections.Model;
using PoQ.Settlement.Events;
using PoQ.Settlement.Trust;
using PoQ.Settlement;
using PoQ.Simulation.Network;

namespace PoQ.Bench.Ingest;

/// <summary>
/// The rows the pipeline will commit for a scenario, built in process (not timed) for the COPY baseline: each task's
/// window with all k scores, settled by the one decider with the pipeline's mechanism, grouped into batches as the lanes
/// commit them and encoded by the event store's codec — one event row (and stream row) per batch, one task index row per
/// task.
/// </summary>
public static class BenchEvents
{
    /// <summary>Tasks per stored batch event (a lane under load commits a few hundred at a time, over its partitions).</summary>
    public const int TasksPerBatch = 500;

    /// <summary>Builds the batches, in publish order per partition.</summary>
    public static IReadOnlyList<BenchEvent> Build(IEnumerable<ScenarioMessage> messages, PipelineOptions pipeline, int partitions)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(pipeline);
        var mechanism = pipeline.Mechanism();
        var trust = TrustSnapshot.Initial(mechanism.InitialWeight);
        var pending = new List<TaskFinalized>();
        var events = new List<BenchEvent>();
        // Scores interleave across tasks in timestamp order: a task settles once all its sampled evaluators scored.
        var open = new Dictionary<string, (SimulatedTask Task, int Partition, long Offset, List<RecordedScore> Scores)>(StringComparer.Ordinal);
        long offset = 0;
        int tasks = 0;
        foreach (var message in messages)
        {
            switch (message)
            {
                case SimulatedTask task:
                    int partition = tasks++ % partitions;
                    open[task.TaskId] = (task, partition, tasks / partitions, new List<RecordedScore>(task.Evaluators.Count));
                    break;
                case SimulatedScore score when open.TryGetValue(score.TaskId, out var window):
                    // Source positions only need realistic widths: the body's size is what matters here.
                    window.Scores.Add(new RecordedScore(score.ScoreId, score.EvaluatorId, score.Score, score.LatencyMs, score.SubmittedAt, new SourceRef(window.Partition, offset++ / partitions)));
                    if (window.Scores.Count == window.Task.Evaluators.Count)
                    {
                        open.Remove(score.TaskId);
                        Settle(window.Task, window.Partition, window.Offset, window.Scores, offset / partitions);
                    }

                    break;
            }
        }

        foreach (var window in open.Values)
        {
            Settle(window.Task, window.Partition, window.Offset, window.Scores, offset / partitions);
        }

        void Settle(SimulatedTask task, int partition, long taskOffset, List<RecordedScore> scores, long closedByOffset)
        {
            var facts = SimulatedWindow.Facts(task, partition, taskOffset, scores, task.SubmittedAt.AddMilliseconds(54), closedByOffset);
            pending.Add(SettlementDecider.Decide(facts, 0, trust, mechanism));
            if (pending.Count == TasksPerBatch)
            {
                events.Add(Batch(pending));
                pending = [];
            }
        }

        if (pending.Count > 0)
        {
            events.Add(Batch(pending));
        }

        return events;
    }

    private static BenchEvent Batch(List<TaskFinalized> tasks)
    {
        var id = Guid.NewGuid();
        return new(TasksSettled.StreamIdOf(id), id, TaskBatchCodec.Encode(new TasksSettled(tasks)), [.. tasks.Select(t => (t.TaskId, t.Facts.TaskSource.Partition, t.Epoch, t.Facts.ClosedAt))]);
    }
}

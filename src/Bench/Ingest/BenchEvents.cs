using PoQ.Pipeline;
using PoQ.Projections.Events;
using PoQ.Settlement;
using PoQ.Settlement.Events;
using PoQ.Settlement.Trust;
using PoQ.Simulation.Network;

namespace PoQ.Bench.Ingest;

/// <summary>
/// The rows the pipeline will commit for a scenario, built in process (not timed) for the COPY baseline: each task's
/// window with all k scores, settled by the one decider with the pipeline's mechanism, grouped into per-partition
/// batches as the lanes commit them and encoded by the event store's codec — one event row per batch, one task index row
/// per task.
/// </summary>
public static class BenchEvents
{
    /// <summary>Tasks per stored batch event (a lane under load commits a few dozen per partition).</summary>
    public const int TasksPerBatch = 32;

    /// <summary>Builds the batches, in publish order per partition.</summary>
    public static IReadOnlyList<BenchEvent> Build(IEnumerable<ScenarioMessage> messages, PipelineOptions pipeline, int partitions)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(pipeline);
        var mechanism = pipeline.Mechanism();
        var trust = TrustSnapshot.Initial(mechanism.InitialWeight);
        var pending = Enumerable.Range(0, partitions).Select(_ => new List<TaskFinalized>()).ToArray();
        var events = new List<BenchEvent>();
        SimulatedTask? open = null;
        var scores = new List<RecordedScore>();
        long offset = 0;
        int tasks = 0;
        foreach (var message in messages.Append(null))
        {
            if (message is SimulatedScore score)
            {
                // Source positions only need realistic widths: the body's size is what matters here.
                scores.Add(new RecordedScore(score.ScoreId, score.EvaluatorId, score.Score, score.LatencyMs, score.SubmittedAt, new SourceRef((int)(offset % partitions), offset / partitions)));
                offset++;
                continue;
            }

            if (message is ClockTick)
            {
                continue;
            }

            if (open is not null)
            {
                int partition = tasks++ % partitions;
                var facts = new TaskFacts
                {
                    TaskId = open.TaskId,
                    TaskType = open.TaskType,
                    InferenceNodeId = open.InferenceNodeId,
                    SubmittedAt = open.SubmittedAt,
                    InferenceLatencyMs = open.LatencyMs,
                    SampledEvaluators = open.Evaluators,
                    TaskSource = new SourceRef(partition, tasks / partitions),
                    TaskTime = open.SubmittedAt,
                    AcceptedScores = scores.ToArray(),
                    CloseReason = CloseReasons.AllScored,
                    ClosedAt = open.SubmittedAt.AddMilliseconds(54),
                    ClosedBy = new RecordRef("poq.scores", partition, offset / partitions),
                };
                pending[partition].Add(SettlementDecider.Decide(facts, 0, trust, mechanism));
                if (pending[partition].Count == TasksPerBatch)
                {
                    events.Add(Batch(partition, pending[partition]));
                    pending[partition] = [];
                }

                scores.Clear();
            }

            open = message as SimulatedTask;
        }

        events.AddRange(pending.Select((list, partition) => (list, partition)).Where(p => p.list.Count > 0).Select(p => Batch(p.partition, p.list)));
        return events;
    }

    private static BenchEvent Batch(int partition, List<TaskFinalized> tasks) =>
        new(TasksSettled.StreamIdOf(partition), Guid.NewGuid(), TaskBatchCodec.Encode(new TasksSettled(partition, tasks)), [.. tasks.Select(t => (t.TaskId, t.Epoch, t.Facts.ClosedAt))]);
}

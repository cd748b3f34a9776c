using Marten;
using PoQ.Pipeline;
using PoQ.Projections.Events;
using PoQ.Projections.Settling;
using PoQ.Simulation.Network;

namespace PoQ.Bench.Ingest;

/// <summary>
/// The events the pipeline will commit for a scenario, built in process (not timed) for the COPY baseline:
/// each task's window with all k scores, settled by the same <see cref="TaskSettler"/> with the pipeline's
/// rule, rewards and quorum, serialized by the event store's serializer.
/// </summary>
public static class BenchEvents
{
    /// <summary>Marten's name for <see cref="TaskFinalized"/> (snake case of the type name).</summary>
    public const string TypeName = "task_finalized";

    /// <summary>Builds one event per task, in publish order.</summary>
    public static IReadOnlyList<BenchEvent> Build(IEnumerable<ScenarioMessage> messages, PipelineOptions pipeline, IDocumentStore store, int partitions)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(store);
        var serializer = store.Options.Serializer();
        var settler = new TaskSettler(pipeline.Rule, pipeline.Rewards, pipeline.Windows.Quorum);
        string dotnetType = $"{typeof(TaskFinalized).FullName}, {typeof(TaskFinalized).Assembly.GetName().Name}";
        var events = new List<BenchEvent>();
        SimulatedTask? open = null;
        var scores = new List<RecordedScore>();
        long offset = 0;
        foreach (var message in messages.Append(null))
        {
            if (message is SimulatedScore score)
            {
                // Source positions only need realistic widths: the body's size is what matters here.
                scores.Add(new RecordedScore(score.ScoreId, score.EvaluatorId, score.Score, score.LatencyMs, score.SubmittedAt, new SourceRef((int)(offset % partitions), offset / partitions)));
                offset++;
                continue;
            }

            if (open is not null)
            {
                var facts = new TaskFacts
                {
                    TaskId = open.TaskId,
                    TaskType = open.TaskType,
                    InferenceNodeId = open.InferenceNodeId,
                    SubmittedAt = open.SubmittedAt,
                    InferenceLatencyMs = open.LatencyMs,
                    SampledEvaluators = open.Evaluators,
                    TaskSource = new SourceRef(events.Count % partitions, events.Count / partitions),
                    AcceptedScores = scores.ToArray(),
                    CloseReason = "all_scored",
                    ClosedAt = open.SubmittedAt.AddSeconds(1),
                };
                var finalized = settler.Settle(facts);
                events.Add(new BenchEvent(open.TaskId, IdOf(events.Count), serializer.ToJson(finalized), TypeName, dotnetType));
                scores.Clear();
            }

            open = message as SimulatedTask;
        }

        return events;
    }

    private static Guid IdOf(int index)
    {
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes, index + 1L);
        return new Guid(bytes);
    }
}

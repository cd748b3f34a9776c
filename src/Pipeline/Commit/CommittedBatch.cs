using PoQ.Pipeline.Model;
using PoQ.Projections.Model;
using PoQ.Settlement.Events;

namespace PoQ.Pipeline.Commit;

/// <summary>
/// What a committed batch publishes: its settled tasks and dead letters by partition, and the outbox rows that stand for
/// them in the database until they are delivered; and the escalation requests decided since the last commit. The output
/// messages are built from these when published.
/// </summary>
/// <param name="expectedTasks">How many tasks the batch will stamp, when known: the stamps are sized once.</param>
public sealed class CommittedBatch(int expectedTasks = 0)
{
    private readonly Dictionary<int, (List<TaskFinalized> Tasks, List<DeadLetterRecord> Letters)> parts = [];
    private readonly List<PoQ.Ingest.Contract.EscalationRequest> escalations = [];
    private readonly List<(string TaskId, TaskStamps Stamps)> stamps = new(expectedTasks);

    /// <summary>The outbox rows to delete once published.</summary>
    public IReadOnlyList<long> OutboxIds { get; set; } = [];

    /// <summary>Tasks and dead letters to publish, by partition (ascending).</summary>
    public IEnumerable<(int Partition, IReadOnlyList<TaskFinalized> Tasks, IReadOnlyList<DeadLetterRecord> Letters)> Parts =>
        parts.OrderBy(p => p.Key).Select(p => (p.Key, (IReadOnlyList<TaskFinalized>)p.Value.Tasks, (IReadOnlyList<DeadLetterRecord>)p.Value.Letters));

    /// <summary>Settled tasks committed.</summary>
    public int TaskCount => parts.Values.Sum(p => p.Tasks.Count);

    /// <summary>Escalation requests to publish (no outbox row: a restart decides them again).</summary>
    public IReadOnlyList<PoQ.Ingest.Contract.EscalationRequest> Escalations => escalations;

    /// <summary>Each committed task's stamps, in commit order (diagnostics: the settle-latency breakdown).</summary>
    public IReadOnlyList<(string TaskId, TaskStamps Stamps)> Stamps => stamps;

    /// <summary><see cref="System.Diagnostics.Stopwatch"/> timestamps of the batch: handed on by its lane, its commit begun and done (0: unknown).</summary>
    public (long Formed, long CommitStarted, long Committed) Timing { get; set; }

    /// <summary>Whether there is nothing to publish.</summary>
    public bool IsEmpty => parts.Count == 0 && escalations.Count == 0;

    /// <summary>Adds an escalation request.</summary>
    public void Add(PoQ.Ingest.Contract.EscalationRequest request) => escalations.Add(request);

    /// <summary>Adds a partition's settled tasks.</summary>
    public void Add(int partition, IEnumerable<TaskFinalized> tasks) => Part(partition).Tasks.AddRange(tasks);

    /// <summary>Notes a committed task's stamps.</summary>
    public void Stamp(string taskId, TaskStamps taskStamps) => stamps.Add((taskId, taskStamps));

    /// <summary>Adds a partition's dead letter.</summary>
    public void Add(int partition, DeadLetterRecord letter) => Part(partition).Letters.Add(letter);

    private (List<TaskFinalized> Tasks, List<DeadLetterRecord> Letters) Part(int partition)
    {
        if (!parts.TryGetValue(partition, out var part))
        {
            part = ([], []);
            parts.Add(partition, part);
        }

        return part;
    }
}

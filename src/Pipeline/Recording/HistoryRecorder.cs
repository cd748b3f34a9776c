using Marten;
using Npgsql;
using PoQ.Ingest.Contract;
using PoQ.Pipeline.Checkpoints;
using PoQ.Pipeline.Commit;
using PoQ.Pipeline.Model;
using PoQ.Pipeline.Output;
using PoQ.Pipeline.Partitions;
using PoQ.Pipeline.Trust;
using PoQ.Pipeline;
using PoQ.Projections.Ledgers;
using PoQ.Projections.Model;
using PoQ.Projections.Store;
using PoQ.Settlement.Events;
using PoQ.Settlement;

namespace PoQ.Pipeline.Recording;

/// <summary>
/// Writes settled tasks into a store through the pipeline's own write path — claims (owner generations), the lane
/// committer (events, task index, ledgers, dead letters, checkpoints in one fenced transaction) and the epoch
/// coordinator (trust epoch closes) — without Kafka: for building large histories quickly (benchmarks) and for tests that
/// need a store exactly as the pipeline leaves it. The tasks are settled by the caller with the one settlement chain.
/// </summary>
public sealed class HistoryRecorder : IAsyncDisposable
{
    private readonly DocumentStore store;
    private readonly NpgsqlDataSource database;
    private readonly Mechanism mechanism;
    private readonly int partitions;
    private readonly string owner;
    private LaneCommitter committer;
    private Dictionary<int, PartitionSession> sessions = [];
    private readonly Dictionary<int, long> nextOffset = [];

    private HistoryRecorder(DocumentStore store, NpgsqlDataSource database, Mechanism mechanism, int partitions, string owner)
    {
        this.store = store;
        this.database = database;
        this.mechanism = mechanism;
        this.partitions = partitions;
        this.owner = owner;
        committer = NewCommitter();
    }

    /// <summary>Opens a store for recording: schema, mechanism binding, checkpoint rows, and a claim of every partition.</summary>
    public static async Task<HistoryRecorder> OpenAsync(string connectionString, Mechanism mechanism, int partitions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mechanism);
        var store = PipelineStore.Create(connectionString);
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync().ConfigureAwait(false);
        var database = NpgsqlDataSource.Create(connectionString);
        await MechanismBinding.BindAsync(database, store, mechanism, cancellationToken).ConfigureAwait(false);
        await using (var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
        {
            await CheckpointStore.EnsureRowsAsync(connection, partitions, cancellationToken).ConfigureAwait(false);
        }

        var recorder = new HistoryRecorder(store, database, mechanism, partitions, "recorder");
        await recorder.ClaimAsync(cancellationToken).ConfigureAwait(false);
        return recorder;
    }

    /// <summary>As a restarted instance would: claims every partition again (new generations) with a fresh committer.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken)
    {
        foreach (var session in sessions.Values)
        {
            session.Revoke();
        }

        committer = NewCommitter();
        await ClaimAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Commits settled tasks in the order given (then the dead letters), in batches of <paramref name="batchSize"/> items,
    /// each batch one fenced transaction with the checkpoints of the partitions it touches — so trust recorded task by task
    /// (sequential mode) is stored in the order it evolved, as the pipeline's single sequential lane stores it.
    /// </summary>
    public async Task RecordAsync(IEnumerable<TaskFinalized> tasks, IEnumerable<DeadLetterRecord> letters, int batchSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(letters);
        var items = tasks.Select(Item).Concat<CommitItem>(letters.Select(l => new DeadLettered(l)));
        foreach (var chunk in items.Chunk(batchSize))
        {
            var checkpoints = chunk.GroupBy(i => i.Partition).OrderBy(g => g.Key).Select(g =>
            {
                var session = sessions[g.Key];
                var progress = g.OfType<SettledTask>().Select(t => (DateTimeOffset?)t.Task.Facts.ClosedAt).DefaultIfEmpty(null).Max();
                return (session, Checkpoint(session, progress, g.ToList()));
            }).ToList();
            await committer.CommitAsync(new LaneBatch(0, chunk, checkpoints), cancellationToken).ConfigureAwait(false);
        }

        // As a running pipeline would have by now: the commits' ledger deltas added into the ledger tables.
        await LedgerFold.CompleteAsync(database, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Moves every partition's progress to <paramref name="through"/> (as clock records would) and folds every trust epoch
    /// that ends by then, through the pipeline's epoch coordinator.
    /// </summary>
    public async Task FoldEpochsAsync(DateTimeOffset through, CancellationToken cancellationToken)
    {
        foreach (var session in sessions.Values.OrderBy(s => s.Partition))
        {
            await committer.CommitAsync(new LaneBatch(0, [], [(session, Checkpoint(session, through, []))]), cancellationToken).ConfigureAwait(false);
        }

        if (mechanism.Trust is not null && !mechanism.Epochs.IsSequential)
        {
            var coordinator = new EpochCoordinator(database, store, mechanism, new TrustSnapshots(mechanism.InitialWeight), TimeProvider.System, TimeSpan.FromSeconds(1), _ => { });
            await coordinator.StepAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await database.DisposeAsync().ConfigureAwait(false);
        store.Dispose();
    }

    private LaneCommitter NewCommitter() =>
        new(database, store, mechanism, new Resilience.PipelineHealth(TimeSpan.FromMinutes(5), TimeProvider.System, _ => { }).DatabasePolicy, _ => { });

    private async Task ClaimAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var claimed = await CheckpointStore.ClaimAsync(connection, Enumerable.Range(0, partitions).ToArray(), owner, cancellationToken).ConfigureAwait(false);
        sessions = claimed.ToDictionary(c => c.Partition, c => new PartitionSession(c, []));
    }

    private SettledTask Item(TaskFinalized task)
    {
        var facts = task.Facts;
        var taskRecord = new KafkaRecord(TopicNames.Default.Tasks, facts.TaskSource.Partition, facts.TaskSource.Offset, task.TaskId, [], facts.TaskTime);
        var scoreRecords = facts.AcceptedScores.Select(s => new KafkaRecord(TopicNames.Default.Scores, s.Source.Partition, s.Source.Offset, task.TaskId, [], facts.ClosedAt)).ToList();
        return new SettledTask(task, taskRecord, scoreRecords);
    }

    private PartitionCheckpoint Checkpoint(PartitionSession session, DateTimeOffset? progress, IReadOnlyList<CommitItem> items)
    {
        long next = nextOffset.GetValueOrDefault(session.Partition);
        foreach (var task in items.OfType<SettledTask>())
        {
            next = Math.Max(next, task.Task.Facts.TaskSource.Offset + 1);
        }

        nextOffset[session.Partition] = next;
        var tasks = items.OfType<SettledTask>().ToList();
        return new PartitionCheckpoint
        {
            Partition = session.Partition,
            Generation = session.Generation,
            Tasks = new TopicCheckpoint(next, progress, []),
            Scores = new TopicCheckpoint(next, progress, []),
            Progress = progress,
            StreamTime = progress,
            Added = new PartitionCounters(
                tasks.Count(t => t.Task.Settlement.IsReached),
                tasks.Count(t => !t.Task.Settlement.IsReached),
                tasks.Sum(t => (long)t.Task.Facts.AcceptedScores.Count),
                items.OfType<DeadLettered>().Count()),
        };
    }
}

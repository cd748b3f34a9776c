using JasperFx.Events;
using Marten.Services;
using Marten;
using Npgsql;
using NpgsqlTypes;
using PoQ.Pipeline.Checkpoints;
using PoQ.Pipeline.Model;
using PoQ.Pipeline.Output;
using PoQ.Pipeline.Resilience;
using PoQ.Pipeline.Trust;
using PoQ.Projections.Model;
using PoQ.Projections.Store;
using PoQ.Settlement.Events;
using PoQ.Settlement;

namespace PoQ.Pipeline.Commit;

/// <summary>
/// Commits one lane batch in one PostgreSQL transaction: it locks the checkpoint rows of the batch's partitions and
/// drops the effects of any partition whose owner generation moved on (fenced: another instance owns it now), turns
/// tasks already recorded into <c>duplicate_task</c> dead letters (a task id is paid once, whatever a window remembered),
/// appends one <see cref="TasksSettled"/> for the whole batch (Marten's inline projections add it to the node and
/// evaluator ledgers and the payout history in the same transaction), indexes the tasks, stores dead letters, the trust signals for the epoch fold (epoch trust) or the evaluators' trust (sequential), the outbox
/// rows — and the checkpoints of exactly the records whose effects these are. Either all of it is durable or none of it.
/// Lanes commit concurrently; each owns its partitions. Every write is one statement for the batch.
/// </summary>
public sealed class LaneCommitter(NpgsqlDataSource database, IDocumentStore store, Mechanism mechanism, OutagePolicy databasePolicy, Action<string> log, SequentialGuard? sequentialGuard = null)
{
    private readonly bool sequentialTrust = mechanism.Trust is not null && mechanism.Epochs.IsSequential;
    private readonly bool epochTrust = mechanism.Trust is not null && !mechanism.Epochs.IsSequential;

    /// <summary>Commits a batch; returns what to publish.</summary>
    public async Task<CommittedBatch> CommitAsync(LaneBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return await databasePolicy.ExecuteAsync(token => CommitOnceAsync(batch, token), "commit", cancellationToken).ConfigureAwait(false);
    }

    private async Task<CommittedBatch> CommitOnceAsync(LaneBatch batch, CancellationToken cancellationToken)
    {
        var live = batch.Checkpoints.Where(c => !c.Session.Revoked).ToList();
        if (live.Count == 0)
        {
            return new CommittedBatch(); // not a shared instance: the runner stamps its timing
        }

        if (sequentialGuard is not null)
        {
            // A database restart ends the session that held the one-instance lock: take it again before writing trust.
            await sequentialGuard.EnsureHeldAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var fenced = await CheckpointStore.LockAsync(connection, transaction, live.ToDictionary(c => c.Session.Partition, c => c.Session.Generation), cancellationToken).ConfigureAwait(false);
        foreach (var (session, _) in live.Where(c => fenced.Contains(c.Session.Partition)))
        {
            log($"{session}: fenced — another instance claimed it; its uncommitted effects are dropped (the new owner re-derives them)");
            session.Revoke();
        }

        var owned = live.Where(c => !fenced.Contains(c.Session.Partition)).ToList();
        var partitions = owned.Select(c => c.Session.Partition).ToHashSet();
        var items = batch.Items.Where(i => partitions.Contains(i.Partition)).ToList();
        var duplicates = await RecordedAsync(connection, transaction, items.OfType<SettledTask>().Select(t => t.Task.TaskId), cancellationToken).ConfigureAwait(false);
        var tasks = new Dictionary<int, List<TaskFinalized>>();
        var letters = new List<DeadLetterRecord>();
        var committed = new CommittedBatch();
        foreach (var item in items)
        {
            switch (item)
            {
                case SettledTask settled when duplicates.Contains(settled.Task.TaskId):
                    letters.AddRange(DuplicateTask(settled));
                    break;
                case SettledTask { Task: var task } settled:
                    (tasks.TryGetValue(item.Partition, out var list) ? list : tasks[item.Partition] = []).Add(task);
                    committed.Stamp(task.TaskId, settled.Stamps);
                    break;
                case DeadLettered { Record: var record }:
                    letters.Add(record);
                    break;
                case EscalationRequested { Request: var request }:
                    committed.Add(request);
                    break;
            }
        }

        var all = tasks.OrderBy(t => t.Key).SelectMany(t => t.Value).ToList();
        await SignatureIndex.ReclassifyAsync(connection, transaction, letters, all, cancellationToken).ConfigureAwait(false);
        var eventId = Guid.NewGuid();
        await using (var session = store.LightweightSession(SessionOptions.ForTransaction(transaction)))
        {
            if (all.Count > 0)
            {
                session.Events.Append(TasksSettled.StreamIdOf(eventId), new Event<TasksSettled>(new TasksSettled(all)) { Id = eventId });
            }

            foreach (var (partition, settled) in tasks.OrderBy(t => t.Key))
            {
                committed.Add(partition, settled);
            }

            if (sequentialTrust)
            {
                StoreSequentialTrust(session, all);
            }

            foreach (var letter in letters)
            {
                committed.Add(letter.Partition, letter);
            }

            session.Store(letters.ToArray());
            await session.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        await IndexAsync(connection, all, eventId, cancellationToken).ConfigureAwait(false);
        await SignatureIndex.WriteAsync(connection, all, cancellationToken).ConfigureAwait(false);
        if (epochTrust)
        {
            await TrustSignalTable.WriteAsync(connection, transaction, all, cancellationToken).ConfigureAwait(false);
        }

        committed.OutboxIds = await OutboxTable.WriteAsync(
            connection,
            transaction,
            [.. committed.Parts.Select(p => (p.Partition, p.Tasks.Count > 0 ? eventId : (Guid?)null, p.Letters.Select(l => l.Id).ToArray()))],
            cancellationToken).ConfigureAwait(false);
        await CheckpointStore.WriteAsync(connection, transaction, owned.Select(c => Counted(c.Checkpoint, duplicates, tasks, c.Session.Partition)), cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return committed;
    }

    private static void StoreSequentialTrust(IDocumentSession session, IEnumerable<TaskFinalized> settled)
    {
        // Derived from the batch's own verdicts: the lane's ledger may already be ahead with tasks of the next batch.
        var trust = new Dictionary<string, EvaluatorTrust>(StringComparer.Ordinal);
        long last = 0;
        foreach (var task in settled.OrderBy(t => t.Epoch))
        {
            last = task.Epoch;
            if (!task.Settlement.IsReached)
            {
                continue;
            }

            foreach (var verdict in task.Settlement.Verdicts)
            {
                trust[verdict.EvaluatorId] = new EvaluatorTrust { Id = verdict.EvaluatorId, Weight = verdict.TrustAfter, Observations = verdict.ObservationsBefore + 1, Sequence = task.Epoch };
            }
        }

        session.Store(trust.Values.ToArray());
        if (last > 0)
        {
            session.Store(new SequentialTrustState { LastSequence = last });
        }
    }

    private static async Task<HashSet<string>> RecordedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IEnumerable<string> taskIds, CancellationToken cancellationToken)
    {
        var ids = taskIds.ToArray();
        var recorded = new HashSet<string>(StringComparer.Ordinal);
        if (ids.Length == 0)
        {
            return recorded;
        }

        await using var command = new NpgsqlCommand($"select task_id from {PoqStore.Schema}.{PoqTables.TaskIndex} where task_id = any(@ids)", connection, transaction);
        command.Parameters.AddWithValue("ids", ids);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            recorded.Add(reader.GetString(0));
        }

        // The same id twice in one batch: the second is a duplicate too.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string id in ids)
        {
            if (!seen.Add(id))
            {
                recorded.Add(id);
            }
        }

        return recorded;
    }

    private static async Task IndexAsync(NpgsqlConnection connection, List<TaskFinalized> index, Guid eventId, CancellationToken cancellationToken)
    {
        if (index.Count == 0)
        {
            return;
        }

        await using var writer = await connection.BeginBinaryImportAsync(
            $"copy {PoqStore.Schema}.{PoqTables.TaskIndex} (task_id, partition, epoch, closed_at, event_id, position) from stdin (format binary)", cancellationToken).ConfigureAwait(false);
        for (int position = 0; position < index.Count; position++)
        {
            var task = index[position];
            await writer.StartRowAsync(cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(task.TaskId, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(task.Facts.TaskSource.Partition, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(task.Epoch, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(task.Facts.ClosedAt, NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(eventId, NpgsqlDbType.Uuid, cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(position, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
        }

        await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    // A task id already recorded: the task and the scores its window took are dead letters, never paid twice.
    private static IEnumerable<DeadLetterRecord> DuplicateTask(SettledTask settled)
    {
        string taskId = settled.Task.TaskId;
        yield return DeadLetters.Of(settled.TaskRecord, new Ingest.Contract.Rejection(Ingest.Contract.ReasonCodes.DuplicateTask, $"taskId = '{taskId}': a task with this id is already recorded", "taskId"), null);
        foreach (var (record, score) in settled.ScoreRecords.Zip(settled.Task.Facts.AcceptedScores))
        {
            yield return DeadLetters.Of(record, new Ingest.Contract.Rejection(Ingest.Contract.ReasonCodes.DuplicateTask, $"taskId = '{taskId}': the score's task repeats an id already recorded", "taskId"), score.EvaluatorId);
        }
    }

    // Duplicates were counted as settled by the lane; they are dead letters now.
    private static PartitionCheckpoint Counted(PartitionCheckpoint checkpoint, HashSet<string> duplicates, Dictionary<int, List<TaskFinalized>> tasks, int partition)
    {
        if (duplicates.Count == 0)
        {
            return checkpoint;
        }

        var kept = tasks.GetValueOrDefault(partition) ?? [];
        long reached = kept.Count(t => t.Settlement.IsReached);
        long insufficient = kept.Count - reached;
        long scores = kept.Sum(t => (long)t.Facts.AcceptedScores.Count);
        long removedTasks = checkpoint.Added.TasksSettled + checkpoint.Added.TasksInsufficient - kept.Count;
        long removedScores = checkpoint.Added.ScoresAccepted - scores;
        return checkpoint with { Added = new PartitionCounters(reached, insufficient, scores, checkpoint.Added.DeadLetters + removedTasks + removedScores) };
    }
}

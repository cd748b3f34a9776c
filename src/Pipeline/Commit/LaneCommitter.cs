using JasperFx.Events;
using Marten.Services;
using Marten;
using Npgsql;
using NpgsqlTypes;
using PoQ.Pipeline.Checkpoints;
using PoQ.Pipeline.Model;
using PoQ.Pipeline.Output;
using PoQ.Pipeline.Partitions;
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
/// Lanes commit concurrently; each owns its partitions. Every write is one statement for the batch, and an unsigned batch
/// takes four round trips: open (locks, and the task index, which finds the recorded tasks), Marten's session, close
/// (signals, outbox, checkpoints), commit — two more when a partition is fenced or a task recorded (see the opening).
/// </summary>
public sealed class LaneCommitter(NpgsqlDataSource database, IDocumentStore store, Mechanism mechanism, OutagePolicy databasePolicy, Action<string> log, SequentialGuard? sequentialGuard = null)
{
    private readonly bool sequentialTrust = mechanism.Trust is not null && mechanism.Epochs.IsSequential;
    private readonly bool epochTrust = mechanism.Trust is not null && !mechanism.Epochs.IsSequential;

    /// <summary>Commits a batch, retrying transient failures; returns what to publish.</summary>
    public async Task<CommittedBatch> CommitAsync(LaneBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var attempts = new CommitAttempts();
        return await databasePolicy.ExecuteAsync(token => CommitAttemptAsync(batch, attempts, token), "commit", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// One attempt at committing <paramref name="batch"/>. An attempt that finds the batch's commit id on its
    /// checkpoint rows knows an earlier attempt's COMMIT landed though its reply was lost: it writes nothing and returns
    /// what that attempt committed (<see cref="CommitAttempts"/>).
    /// </summary>
    public async Task<CommittedBatch> CommitAttemptAsync(LaneBatch batch, CommitAttempts attempts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(attempts);
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
        var generations = live.ToDictionary(c => c.Session.Partition, c => c.Session.Generation);
        var eventId = Guid.NewGuid();

        // Round trips, not statements, are what a commit waits for on a busy machine (3–8 ms each under load). The commit
        // opens with one that locks the checkpoint rows and indexes the batch's tasks on the assumption that no partition
        // is fenced and no task recorded: the index's primary key makes the recorded check as it inserts, so there is no
        // separate probe of 1,000s of ids (a probe, or `on conflict do nothing`, cost as much again as the insert). Either
        // assumption failing is rare (a rebalance, a repeated task id): the transaction is rolled back and the batch
        // decided again from the answers, indexing in the close.
        var plan = Plan(batch, live, NoPartitions, NoTasks);
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var (indexedOpening, landed) = await OpenIndexingAsync(connection, transaction, generations, attempts.CommitId, TaskIndexInsert.For(plan.All, eventId), cancellationToken).ConfigureAwait(false);
            if (landed)
            {
                await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                return Landed(attempts);
            }

            if (!indexedOpening)
            {
                await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                await transaction.DisposeAsync().ConfigureAwait(false);
                transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                var (fenced, recorded, landedLate) = await OpenAsync(connection, transaction, generations, attempts.CommitId, batch.Items.OfType<SettledTask>().Select(t => t.Task.TaskId), cancellationToken).ConfigureAwait(false);
                if (landedLate)
                {
                    await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                    return Landed(attempts);
                }

                foreach (var (session, _) in live.Where(c => fenced.Contains(c.Session.Partition)))
                {
                    log($"{session}: fenced — another instance claimed it; its uncommitted effects are dropped (the new owner re-derives them)");
                    session.Revoke();
                }

                plan = Plan(batch, live, fenced, recorded);
            }

            var (owned, duplicates, tasks, letters, committed, all) = plan;
            await SignatureIndex.ReclassifyAsync(connection, transaction, letters, all, cancellationToken).ConfigureAwait(false);
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

            await SignatureIndex.WriteAsync(connection, all, cancellationToken).ConfigureAwait(false);
            committed.OutboxIds = await CloseAsync(
                connection,
                transaction,
                OutboxTable.Insert([.. committed.Parts.Select(p => (p.Partition, p.Tasks.Count > 0 ? eventId : (Guid?)null, p.Letters.Select(l => l.Id).ToArray()))]),
                [indexedOpening ? null : TaskIndexInsert.For(all, eventId), epochTrust ? TrustSignalTable.Insert(all) : null, CheckpointStore.Updates(owned.Select(c => Counted(c.Checkpoint, duplicates, tasks, c.Session.Partition)), attempts.CommitId)],
                cancellationToken).ConfigureAwait(false);
            attempts.Sent = committed;
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return committed;
        }
        finally
        {
            await transaction.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static readonly IReadOnlySet<int> NoPartitions = new HashSet<int>();

    // The rows carry this batch's id only if an earlier attempt's COMMIT landed, and only an attempt that sent COMMIT
    // can have written it.
    private static CommittedBatch Landed(CommitAttempts attempts) =>
        attempts.Sent ?? throw new InvalidOperationException($"commit {attempts.CommitId} is on the checkpoint rows, but no attempt of it sent COMMIT");

    private static readonly HashSet<string> NoTasks = [];

    // What the batch commits given which partitions are fenced and which task ids are recorded already: the owned
    // checkpoints, the duplicates, the settled tasks by partition, the dead letters, what to publish, and the event's tasks.
    private static CommitPlan Plan(LaneBatch batch, List<(PartitionSession Session, PartitionCheckpoint Checkpoint)> live, IReadOnlySet<int> fenced, HashSet<string> recorded)
    {
        var owned = live.Where(c => !fenced.Contains(c.Session.Partition)).ToList();
        var partitions = owned.Select(c => c.Session.Partition).ToHashSet();
        var items = batch.Items.Where(i => partitions.Contains(i.Partition)).ToList();
        var duplicates = Duplicates(items.OfType<SettledTask>().Select(t => t.Task.TaskId), recorded);
        var tasks = new Dictionary<int, List<TaskFinalized>>();
        var letters = new List<DeadLetterRecord>();
        var committed = new CommittedBatch(items.Count);
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

        return new CommitPlan(owned, duplicates, tasks, letters, committed, [.. tasks.OrderBy(t => t.Key).SelectMany(t => t.Value)]);
    }

    private sealed record CommitPlan(List<(PartitionSession Session, PartitionCheckpoint Checkpoint)> Owned, HashSet<string> Duplicates, Dictionary<int, List<TaskFinalized>> Tasks, List<DeadLetterRecord> Letters, CommittedBatch Committed, List<TaskFinalized> All);

    // The fast opening round trip: lock the checkpoint rows (fencing) and index the tasks. True when no partition is
    // fenced and every task was indexed; false when one is fenced or a task id is recorded already (the primary key
    // refuses it: the transaction is then aborted and rolled back by the caller).
    private static async Task<(bool Indexed, bool Landed)> OpenIndexingAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyDictionary<int, long> generations, Guid commitId, NpgsqlBatchCommand? index, CancellationToken cancellationToken)
    {
        await using var opening = new NpgsqlBatch(connection, transaction) { BatchCommands = { CheckpointStore.Lock(generations.Keys) } };
        if (index is not null)
        {
            opening.BatchCommands.Add(index);
        }

        bool landed = false;
        try
        {
            await using var reader = await opening.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var (fenced, landedHere) = await CheckpointStore.ReadLockedAsync(reader, generations, commitId, cancellationToken).ConfigureAwait(false);
            landed = landedHere;
            while (await reader.NextResultAsync(cancellationToken).ConfigureAwait(false))
            {
                // The insert's outcome: a recorded id surfaces here as a unique violation.
            }

            return (fenced.Count == 0, landed);
        }
        catch (PostgresException error) when (error.SqlState == PostgresErrorCodes.UniqueViolation && error.TableName == PoqTables.TaskIndex)
        {
            // A landed commit's own tasks are recorded: its rows were read before the insert failed.
            return (false, landed);
        }
    }

    // The opening round trip: lock the checkpoint rows (fencing), then which of the batch's task ids are recorded already.
    // The ids of fenced partitions are asked too (their answer is ignored): the fence is only known from the first answer.
    private static async Task<(IReadOnlySet<int> Fenced, HashSet<string> Recorded, bool Landed)> OpenAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyDictionary<int, long> generations, Guid commitId, IEnumerable<string> taskIds, CancellationToken cancellationToken)
    {
        var recordedQuery = new NpgsqlBatchCommand($"select task_id from {PoqStore.Schema}.{PoqTables.TaskIndex} where task_id = any(@ids)");
        recordedQuery.Parameters.Add(new NpgsqlParameter<string[]>("ids", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [.. taskIds] });
        await using var opening = new NpgsqlBatch(connection, transaction) { BatchCommands = { CheckpointStore.Lock(generations.Keys), recordedQuery } };
        await using var reader = await opening.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var (fenced, landed) = await CheckpointStore.ReadLockedAsync(reader, generations, commitId, cancellationToken).ConfigureAwait(false);
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        var recorded = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            recorded.Add(reader.GetString(0));
        }

        return (fenced, recorded, landed);
    }

    // The closing round trip: the outbox rows first (their ids are read back), then the other statements.
    private static async Task<long[]> CloseAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, NpgsqlBatchCommand? outbox, IEnumerable<NpgsqlBatchCommand?> statements, CancellationToken cancellationToken)
    {
        await using var closing = new NpgsqlBatch(connection, transaction);
        if (outbox is not null)
        {
            closing.BatchCommands.Add(outbox);
        }

        foreach (var statement in statements.OfType<NpgsqlBatchCommand>())
        {
            closing.BatchCommands.Add(statement);
        }

        if (closing.BatchCommands.Count == 0)
        {
            return [];
        }

        await using var reader = await closing.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        long[] ids = outbox is null ? [] : await OutboxTable.ReadIdsAsync(reader, cancellationToken).ConfigureAwait(false);
        while (await reader.NextResultAsync(cancellationToken).ConfigureAwait(false))
        {
            // Every statement's outcome is read: an error in any of them fails the commit here.
        }

        return ids;
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

    // The batch's tasks whose id is recorded already, and any id the batch itself repeats: both are duplicates.
    private static HashSet<string> Duplicates(IEnumerable<string> taskIds, HashSet<string> recorded)
    {
        var duplicates = new HashSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string id in taskIds)
        {
            if (recorded.Contains(id) || !seen.Add(id))
            {
                duplicates.Add(id);
            }
        }

        return duplicates;
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

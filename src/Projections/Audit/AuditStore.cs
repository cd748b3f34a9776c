using Marten;
using Npgsql;
using PoQ.Projections.Events;
using PoQ.Projections.Store;

namespace PoQ.Projections.Audit;

/// <summary>
/// Reads the recorded history for audit: tasks, the mechanism stream, the trust-ledger stream. Read only — the
/// history check runs raw SQL first so an empty database is reported, not silently given a schema.
/// Scaling: <see cref="AllTasksAsync"/> holds every task event in memory (≈ 1–2 KB each: fine for 10⁵–10⁶ tasks),
/// and the per-node and per-evaluator lookups scan <c>mt_events</c> with jsonb operators (no index: ≈ tens of ms per
/// 10⁴ tasks here); a larger store would want a GIN index on <c>data</c> or a node-history projection table.
/// </summary>
public static class AuditStore
{
    /// <summary>Marten's type name of <see cref="TaskFinalized"/> in <c>mt_events.type</c>.</summary>
    public const string TaskEventType = "task_finalized";

    /// <summary>True when the database holds at least one recorded task; false for an empty or foreign database.</summary>
    public static async Task<bool> HasHistoryAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var exists = new NpgsqlCommand($"select to_regclass('{PoqStore.Schema}.mt_events') is not null", connection);
        if (await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not true)
        {
            return false;
        }

        await using var any = new NpgsqlCommand($"select exists(select 1 from {PoqStore.Schema}.mt_events where type = @type)", connection);
        any.Parameters.AddWithValue("type", TaskEventType);
        return await any.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true;
    }

    /// <summary>Every recorded parameter set.</summary>
    public static async Task<RecordedMechanisms> MechanismsAsync(IQuerySession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var events = await session.Events.FetchStreamAsync(MechanismConfigured.StreamId, token: cancellationToken).ConfigureAwait(false);
        return new RecordedMechanisms(events.Select(e => e.Data).OfType<MechanismConfigured>());
    }

    /// <summary>The task's event (its stream holds exactly one), or null when there is no such task.</summary>
    public static async Task<TaskFinalized?> TaskAsync(IQuerySession session, string taskId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (taskId is MechanismConfigured.StreamId or TrustUpdatesApplied.StreamId)
        {
            return null;
        }

        var events = await session.Events.FetchStreamAsync(taskId, token: cancellationToken).ConfigureAwait(false);
        return events.Select(e => e.Data).OfType<TaskFinalized>().FirstOrDefault();
    }

    /// <summary>Every recorded task in sequence order.</summary>
    public static async Task<IReadOnlyList<TaskFinalized>> AllTasksAsync(IQuerySession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var tasks = await session.Events.QueryRawEventDataOnly<TaskFinalized>().ToListAsync(cancellationToken).ConfigureAwait(false);
        return tasks.OrderBy(t => t.Sequence).ToList();
    }

    /// <summary>Tasks whose inference node is <paramref name="nodeId"/>, in sequence order.</summary>
    public static async Task<IReadOnlyList<TaskFinalized>> TasksInferredByAsync(IQuerySession session, string nodeId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var tasks = await session.Events.QueryRawEventDataOnly<TaskFinalized>()
            .Where(t => t.Facts.InferenceNodeId == nodeId)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return tasks.OrderBy(t => t.Sequence).ToList();
    }

    /// <summary>Tasks that sampled <paramref name="evaluatorId"/>, in sequence order.</summary>
    public static async Task<IReadOnlyList<TaskFinalized>> TasksSamplingAsync(IQuerySession session, string evaluatorId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var tasks = await session.Events.QueryRawEventDataOnly<TaskFinalized>()
            .Where(t => t.Facts.SampledEvaluators.Contains(evaluatorId))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return tasks.OrderBy(t => t.Sequence).ToList();
    }

    /// <summary>The trust-ledger stream's updates in sequence order.</summary>
    public static async Task<IReadOnlyList<RecordedTrustUpdate>> TrustUpdatesAsync(IQuerySession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var events = await session.Events.FetchStreamAsync(TrustUpdatesApplied.StreamId, token: cancellationToken).ConfigureAwait(false);
        return events.Select(e => e.Data).OfType<TrustUpdatesApplied>().SelectMany(b => b.Updates).ToList();
    }
}

using Marten;
using Npgsql;
using PoQ.Projections.Documents;
using PoQ.Projections.Events;
using PoQ.Projections.Store;

namespace PoQ.Pipeline;

/// <summary>Everything a (re)starting pipeline reads back from the event store before it consumes a record.</summary>
public sealed record RestoredState(
    IReadOnlyList<PartitionCheckpoint> Checkpoints,
    PipelineState State,
    IReadOnlyList<NodeLedger> Ledgers,
    IReadOnlyList<EvaluatorTrust> Trust,
    IReadOnlyList<OutboxBatch> PendingOutbox,
    IReadOnlyList<string> RecentTasks,
    IReadOnlySet<string> RecordedMechanisms)
{
    /// <summary>Loads the state; creates the schema on first use.</summary>
    public static async Task<RestoredState> LoadAsync(IDocumentStore store, string connectionString, int recentTasks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync().ConfigureAwait(false);
        await using var session = store.QuerySession();
        var checkpoints = await session.Query<PartitionCheckpoint>().ToListAsync(cancellationToken).ConfigureAwait(false);
        var state = await session.LoadAsync<PipelineState>(PipelineState.SingletonId, cancellationToken).ConfigureAwait(false) ?? new PipelineState();
        var ledgers = await session.Query<NodeLedger>().ToListAsync(cancellationToken).ConfigureAwait(false);
        var trust = await session.Query<EvaluatorTrust>().ToListAsync(cancellationToken).ConfigureAwait(false);
        var outbox = await session.Query<OutboxBatch>().OrderBy(b => b.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        var mechanisms = await session.Events.FetchStreamAsync(MechanismConfigured.StreamId, token: cancellationToken).ConfigureAwait(false);
        var recorded = mechanisms.Select(e => e.Data).OfType<MechanismConfigured>().Select(Key).ToHashSet(StringComparer.Ordinal);
        return new RestoredState(checkpoints, state, ledgers, trust, outbox, await RecentTasksAsync(connectionString, recentTasks, cancellationToken).ConfigureAwait(false), recorded);
    }

    /// <summary>The identity of a mechanism configuration.</summary>
    public static string Key(MechanismConfigured mechanism)
    {
        ArgumentNullException.ThrowIfNull(mechanism);
        return $"{mechanism.ParamsHash}/{mechanism.RewardParamsHash}/{mechanism.Quorum}";
    }

    private static async Task<IReadOnlyList<string>> RecentTasksAsync(string connectionString, int limit, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            $"select id from {PoqStore.Schema}.mt_streams where id <> all(@reserved) order by timestamp desc limit @limit", connection);
        command.Parameters.AddWithValue("reserved", new[] { TrustUpdatesApplied.StreamId, MechanismConfigured.StreamId });
        command.Parameters.AddWithValue("limit", limit);
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }
}

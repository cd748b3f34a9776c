using Marten;
using Npgsql;
using PoQ.Projections.History;
using PoQ.Projections.Queries;
using PoQ.Projections.Store;

namespace PoQ.Projections.Replay;

/// <summary>
/// Reads and writes scenarios — and only those: every write here names the scenario schema (the run documents, the
/// per-task table, the per-node table), so the recorded events and live projections are out of reach. A scenario exists
/// once its run document does: <see cref="BeginAsync"/> deletes the old one first, the rows follow page by page, and
/// <see cref="CompleteAsync"/> stores the run document last.
/// </summary>
public static class ScenarioStore
{
    /// <summary>The scenario's run document, or null.</summary>
    public static async Task<ScenarioRun?> FindAsync(IDocumentStore store, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        await using var session = store.QuerySession();
        return await session.LoadAsync<ScenarioRun>(name, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>All scenario names, ordinal order.</summary>
    public static async Task<IReadOnlyList<string>> NamesAsync(IDocumentStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        await using var session = store.QuerySession();
        var names = await session.Query<ScenarioRun>().Select(r => r.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. names.Order(StringComparer.Ordinal)];
    }

    /// <summary>A scenario's per-task outcomes with sequence in [from, to], in sequence order (none when none was written).</summary>
    public static async Task<IReadOnlyList<ScenarioTask>> TasksAsync(string connectionString, string name, long from = long.MinValue, long to = long.MaxValue, CancellationToken cancellationToken = default)
    {
        if (!await HistoryReader.TableExistsAsync(connectionString, ScenarioTaskTable.Name, cancellationToken, PoqStore.ScenarioSchema).ConfigureAwait(false))
        {
            return [];
        }

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ScenarioTaskTable.ReadAsync(connection, name, from, to, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Starts writing a scenario: removes any previous one of the same name (run document, rows).</summary>
    public static async Task BeginAsync(IDocumentStore store, NpgsqlConnection connection, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        await using (var session = store.LightweightSession())
        {
            session.Delete<ScenarioRun>(name);
            await session.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        await ScenarioTaskTable.ResetAsync(connection, name, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Finishes a scenario: its per-node totals, then its run document (which makes it exist).</summary>
    public static async Task CompleteAsync(IDocumentStore store, NpgsqlConnection connection, ScenarioRun run, IReadOnlyCollection<ScenarioNodeComparison> nodes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(run);
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
        {
            await ScenarioNodeTable.WriteAsync(connection, transaction, run.Id, nodes, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var session = store.LightweightSession();
        session.Store(run);
        await session.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }
}

using Marten;
using Weasel.Core;

namespace PoQ.Projections.Replay;

/// <summary>
/// Reads and writes scenario documents — and only those: every write here names <see cref="ScenarioRun"/> or
/// <see cref="ScenarioTask"/>, which live in their own schema, so the recorded events and live projections are out of reach.
/// </summary>
public static class ScenarioStore
{
    /// <summary>Rows per COPY batch of the bulk insert.</summary>
    private const int BulkBatchSize = 5_000;

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

    /// <summary>A scenario's per-task outcomes, in sequence order.</summary>
    public static async Task<IReadOnlyList<ScenarioTask>> TasksAsync(IDocumentStore store, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        await using var session = store.QuerySession();
        var tasks = await session.Query<ScenarioTask>().Where(t => t.Scenario == name).ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. tasks.OrderBy(t => t.Sequence)];
    }

    /// <summary>
    /// Writes a scenario, replacing any previous one of the same name: old documents are deleted, the task outcomes
    /// bulk inserted (COPY), and the run document stored last — a scenario exists once its run document does.
    /// </summary>
    public static async Task WriteAsync(IDocumentStore store, ScenarioRun run, IReadOnlyList<ScenarioTask> tasks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(tasks);
        string name = run.Id;
        await using (var session = store.LightweightSession())
        {
            session.Delete<ScenarioRun>(name);
            session.DeleteWhere<ScenarioTask>(t => t.Scenario == name);
            await session.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        if (tasks.Count > 0)
        {
            await store.BulkInsertAsync(tasks, BulkInsertMode.InsertsOnly, BulkBatchSize, cancellationToken).ConfigureAwait(false);
        }

        await using (var session = store.LightweightSession())
        {
            session.Store(run);
            await session.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}

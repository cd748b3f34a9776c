using System.Buffers.Text;
using System.Text;
using Marten;
using PoQ.Projections.Queries;

namespace PoQ.Projections.Replay;

/// <summary>
/// The auditor's view of the scenarios written by <c>poq replay</c>: their summaries and each one's per-node rewards
/// against the recorded history over the same task range, paged by node from the scenario node table. Read-only: when no
/// scenario was ever written it reports none rather than creating the scenario tables.
/// </summary>
public sealed class StoredScenarioCatalog(IDocumentStore store, string connectionString) : IScenarioCatalog
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<ScenarioSummary>> ListAsync(CancellationToken cancellationToken)
    {
        var runs = await RunsAsync(cancellationToken).ConfigureAwait(false);
        return [.. runs.OrderBy(r => r.Id, StringComparer.Ordinal).Select(Summary)];
    }

    /// <inheritdoc />
    public async Task<PoQ.Projections.Queries.ScenarioNodePage?> CompareAsync(string name, string? cursor, int limit, CancellationToken cancellationToken)
    {
        var run = (await RunsAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(r => r.Id == name);
        if (run is null)
        {
            return null;
        }

        var after = cursor is null ? ((string, string)?)null : Decode(cursor);
        var (nodes, more) = await ScenarioNodeTable.PageAsync(connectionString, name, after, limit, cancellationToken).ConfigureAwait(false);
        string? next = more ? Encode(nodes[^1].Role, nodes[^1].NodeId) : null;
        return new PoQ.Projections.Queries.ScenarioNodePage(Summary(run), run.RecordedRules, nodes, next);
    }

    /// <inheritdoc />
    public async Task<(ScenarioSummary Scenario, IReadOnlyList<ScenarioNodeComparison> MostChanged)?> LatestAsync(int count, CancellationToken cancellationToken)
    {
        var latest = (await RunsAsync(cancellationToken).ConfigureAwait(false)).OrderByDescending(r => r.CreatedAt).ThenBy(r => r.Id, StringComparer.Ordinal).FirstOrDefault();
        if (latest is null)
        {
            return null;
        }

        return (Summary(latest), await ScenarioNodeTable.MostChangedAsync(connectionString, latest.Id, count, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>True when <paramref name="cursor"/> is a token this catalog issued.</summary>
    public static bool IsCursor(string cursor) => Decode(cursor) is not null;

    private static ScenarioSummary Summary(ScenarioRun run) => new(run.Id, run.Rule, run.ParamsHash, run.Tasks);

    private async Task<IReadOnlyList<ScenarioRun>> RunsAsync(CancellationToken cancellationToken)
    {
        if (!await History.HistoryReader.TableExistsAsync(connectionString, Store.PoqTables.DocumentTable<ScenarioRun>(), cancellationToken, Store.PoqStore.ScenarioSchema).ConfigureAwait(false))
        {
            return [];
        }

        await using var session = store.QuerySession();
        return await session.Query<ScenarioRun>().ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string Encode(string role, string nodeId) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(role + "\n" + nodeId));

    private static (string Role, string NodeId)? Decode(string cursor)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor)).Split('\n');
            return parts.Length == 2 ? (parts[0], parts[1]) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

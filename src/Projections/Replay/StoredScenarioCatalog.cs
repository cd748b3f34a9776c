using Marten;
using Npgsql;
using PoQ.Projections.Audit;
using PoQ.Projections.Store;

namespace PoQ.Projections.Replay;

/// <summary>
/// The auditor API's view of the scenarios written by <c>poq replay</c>: their summaries and each one's per-node
/// rewards against the recorded history over the same task range. Read-only: when no scenario was ever written
/// it reports none rather than creating the scenario tables.
/// </summary>
public sealed class StoredScenarioCatalog(IDocumentStore store, string connectionString) : IScenarioCatalog
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<ScenarioSummary>> ListAsync(CancellationToken cancellationToken)
    {
        if (!await ScenariosExistAsync(cancellationToken).ConfigureAwait(false))
        {
            return [];
        }

        await using var session = store.QuerySession();
        var runs = await session.Query<ScenarioRun>().ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. runs.OrderBy(r => r.Id, StringComparer.Ordinal).Select(r => new ScenarioSummary(r.Id, r.Rule, r.ParamsHash, r.Tasks))];
    }

    /// <inheritdoc />
    public async Task<Audit.ScenarioComparison?> CompareAsync(string name, CancellationToken cancellationToken)
    {
        if (!await ScenariosExistAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var run = await ScenarioStore.FindAsync(store, name, cancellationToken).ConfigureAwait(false);
        if (run is null)
        {
            return null;
        }

        var scenario = (await ScenarioStore.TasksAsync(store, name, cancellationToken).ConfigureAwait(false)).Select(TaskOutcome.From).ToList();
        var replayed = scenario.Select(t => t.TaskId).ToHashSet(StringComparer.Ordinal);
        var recorded = await RecordedHistory.ReadTasksAsync(connectionString, cancellationToken).ConfigureAwait(false);
        var recordedTasks = recorded.Select((t, i) => (Task: t, Rank: (long)i + 1)).Where(r => replayed.Contains(r.Task.TaskId)).ToList();
        var comparison = Replay.ScenarioComparison.Compare(Replay.ScenarioComparison.Recorded, [.. recordedTasks.Select(r => TaskOutcome.From(r.Task, r.Rank))], name, scenario);
        string recordedRule = string.Join(", ", recordedTasks.Select(r => r.Task.Settlement.Rule).Distinct(StringComparer.Ordinal));
        return new Audit.ScenarioComparison(
            new ScenarioSummary(run.Id, run.Rule, run.ParamsHash, run.Tasks),
            recordedRule,
            [.. comparison.Nodes.Select(n => new ScenarioNodeComparison(n.NodeId, n.Role, n.RewardBaseline, n.RewardScenario))]);
    }

    private async Task<bool> ScenariosExistAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("select to_regclass(@name) is not null", connection);
        command.Parameters.AddWithValue("name", $"{PoqStore.ScenarioSchema}.mt_doc_scenariorun");
        return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }
}

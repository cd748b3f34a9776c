using Npgsql;
using NpgsqlTypes;
using PoQ.Projections.Queries;
using PoQ.Projections.Store;

namespace PoQ.Projections.Replay;

/// <summary>
/// Per scenario, node and role: the recorded and the replayed reward totals over the replayed tasks, written by
/// <c>poq replay</c> with the scenario, so the comparison is paged by node from an index instead of re-reading both
/// histories. In the scenario schema, apart from the recorded events.
/// </summary>
public static class ScenarioNodeTable
{
    /// <summary>Table name.</summary>
    public const string Name = "scenario_nodes";

    /// <summary>Schema-qualified name.</summary>
    public const string QualifiedName = PoqStore.ScenarioSchema + "." + Name;

    // Created by the first replay that writes a scenario (with the scenario documents), never by a reader.
    private const string CreateSql =
        $"""
        create schema if not exists {PoqStore.ScenarioSchema};
        create table if not exists {QualifiedName} (
          scenario text not null, role text not null, node_id text not null, recorded double precision not null, replayed double precision not null,
          primary key (scenario, role, node_id))
        """;

    /// <summary>Replaces a scenario's rows.</summary>
    public static async Task WriteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string scenario, IReadOnlyCollection<ScenarioNodeComparison> nodes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        await using (var create = new NpgsqlCommand(CreateSql, connection, transaction))
        {
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var delete = new NpgsqlCommand($"delete from {QualifiedName} where scenario = @s", connection, transaction))
        {
            delete.Parameters.AddWithValue("s", scenario);
            await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var insert = new NpgsqlCommand(
            $"insert into {QualifiedName} (scenario, role, node_id, recorded, replayed) select @s, * from unnest(@role, @node, @recorded, @replayed)", connection, transaction);
        insert.Parameters.AddWithValue("s", scenario);
        insert.Parameters.Add(new NpgsqlParameter<string[]>("role", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [.. nodes.Select(n => n.Role)] });
        insert.Parameters.Add(new NpgsqlParameter<string[]>("node", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [.. nodes.Select(n => n.NodeId)] });
        insert.Parameters.Add(new NpgsqlParameter<double[]>("recorded", NpgsqlDbType.Array | NpgsqlDbType.Double) { TypedValue = [.. nodes.Select(n => n.Recorded)] });
        insert.Parameters.Add(new NpgsqlParameter<double[]>("replayed", NpgsqlDbType.Array | NpgsqlDbType.Double) { TypedValue = [.. nodes.Select(n => n.Scenario)] });
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A page of a scenario's nodes in (role, node id) order after <paramref name="after"/>; the page holds at most
    /// <paramref name="limit"/> rows and says whether more follow.
    /// </summary>
    public static async Task<(List<ScenarioNodeComparison> Nodes, bool More)> PageAsync(string connectionString, string scenario, (string Role, string NodeId)? after, int limit, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync(
            connectionString,
            $"""
            select node_id, role, recorded, replayed from {QualifiedName}
            where scenario = @s and (@role::text is null or (role, node_id) > (@role, @node))
            order by role, node_id limit @limit
            """,
            command =>
            {
                command.Parameters.AddWithValue("s", scenario);
                command.Parameters.Add(new NpgsqlParameter<string?>("role", NpgsqlDbType.Text) { TypedValue = after?.Role });
                command.Parameters.Add(new NpgsqlParameter<string?>("node", NpgsqlDbType.Text) { TypedValue = after?.NodeId });
                command.Parameters.AddWithValue("limit", limit + 1);
            },
            cancellationToken).ConfigureAwait(false);
        bool more = rows.Count > limit;
        if (more)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        return (rows, more);
    }

    /// <summary>The nodes whose reward changed most under the scenario (largest |replayed − recorded| first).</summary>
    public static Task<List<ScenarioNodeComparison>> MostChangedAsync(string connectionString, string scenario, int count, CancellationToken cancellationToken) =>
        QueryAsync(
            connectionString,
            $"select node_id, role, recorded, replayed from {QualifiedName} where scenario = @s order by abs(replayed - recorded) desc, role, node_id limit @n",
            command =>
            {
                command.Parameters.AddWithValue("s", scenario);
                command.Parameters.AddWithValue("n", count);
            },
            cancellationToken);

    private static async Task<List<ScenarioNodeComparison>> QueryAsync(string connectionString, string sql, Action<NpgsqlCommand> bind, CancellationToken cancellationToken)
    {
        var rows = new List<ScenarioNodeComparison>();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        bind(command);
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add(new ScenarioNodeComparison(reader.GetString(0), reader.GetString(1), reader.GetDouble(2), reader.GetDouble(3)));
            }
        }
        catch (PostgresException error) when (error.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InvalidSchemaName)
        {
            // No scenario was ever written.
        }

        return rows;
    }
}

using Npgsql;
using PoQ.Projections.Replay;
using PoQ.Projections.Store;
using PoQ.Testing.Postgres;

namespace PoQ.Replay.Tests;

/// <summary>
/// Scenario rows live in one list partition per scenario, so <c>--replace</c> drops a table instead of deleting rows;
/// a store written before partitioning keeps its scenarios (its table becomes the default partition).
/// </summary>
[Collection(PostgresFixture.Collection)]
public sealed class ScenarioPartitionTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Reset_gives_each_scenario_a_partition_and_empties_only_its_own()
    {
        string connectionString = await postgres.CreateDatabaseAsync("scenario_partitions");
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();

        await ScenarioTaskTable.ResetAsync(connection, "a", CancellationToken.None);
        await ScenarioTaskTable.ResetAsync(connection, "it's b", CancellationToken.None); // a quote in the name
        await InsertAsync(connection, "a", 3);
        await InsertAsync(connection, "it's b", 2);
        Assert.Equal(2, await PartitionsAsync(connection));

        await ScenarioTaskTable.ResetAsync(connection, "a", CancellationToken.None);

        Assert.Empty(await ScenarioStore.TasksAsync(connectionString, "a"));
        Assert.Equal(2, (await ScenarioStore.TasksAsync(connectionString, "it's b")).Count);
        Assert.Equal(2, await PartitionsAsync(connection));
    }

    [Fact]
    public async Task A_table_from_before_partitioning_becomes_the_default_partition_and_keeps_its_rows()
    {
        string connectionString = await postgres.CreateDatabaseAsync("scenario_legacy");
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var legacy = new NpgsqlCommand(
            $"""
            create schema {PoqStore.ScenarioSchema};
            create table {ScenarioTaskTable.QualifiedName} (
              scenario text not null, sequence bigint not null, task_id text not null, inference_node_id text not null, status text not null,
              consensus double precision, inference_reward double precision not null, verdicts bytea not null,
              primary key (scenario, sequence))
            """,
            connection))
        {
            await legacy.ExecuteNonQueryAsync();
        }

        await InsertAsync(connection, "old", 4);
        await InsertAsync(connection, "older", 1);

        await ScenarioTaskTable.ResetAsync(connection, "new", CancellationToken.None);
        await InsertAsync(connection, "new", 2);
        Assert.Equal(4, (await ScenarioStore.TasksAsync(connectionString, "old")).Count);
        Assert.Equal(2, (await ScenarioStore.TasksAsync(connectionString, "new")).Count);

        await ScenarioTaskTable.ResetAsync(connection, "old", CancellationToken.None); // its rows were in the default partition
        Assert.Empty(await ScenarioStore.TasksAsync(connectionString, "old"));
        Assert.Single(await ScenarioStore.TasksAsync(connectionString, "older"));
    }

    private static async Task InsertAsync(NpgsqlConnection connection, string scenario, int rows)
    {
        for (int i = 1; i <= rows; i++)
        {
            await using var insert = new NpgsqlCommand(
                $"insert into {ScenarioTaskTable.QualifiedName} values (@s, @i, @t, 'node-1', 'reached', 0.5, 1.0, '\\x00000000'::bytea)", connection);
            insert.Parameters.AddWithValue("s", scenario);
            insert.Parameters.AddWithValue("i", (long)i);
            insert.Parameters.AddWithValue("t", $"task-{i}");
            await insert.ExecuteNonQueryAsync();
        }
    }

    private static async Task<long> PartitionsAsync(NpgsqlConnection connection)
    {
        await using var count = new NpgsqlCommand($"select count(*) from pg_inherits where inhparent = '{ScenarioTaskTable.QualifiedName}'::regclass", connection);
        return (long)(await count.ExecuteScalarAsync())!;
    }
}

using Npgsql;
using PoQ.Pipeline;
using PoQ.Projections.Payouts;
using PoQ.Projections.Store;
using PoQ.Testing.Postgres;

namespace PoQ.Pipeline.Tests.Integration;

/// <summary>The payout blocks' reward arrays carry no planner statistics, the keys keep theirs, and applying it again changes nothing.</summary>
[Collection(PostgresFixture.Collection)]
public sealed class UnsampledColumnsTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Apply_OnAFreshStore_LeavesOnlyTheKeysToAnalyze()
    {
        string connectionString = await postgres.CreateDatabaseAsync("unsampled_columns");
        using (var store = PipelineStore.Create(connectionString))
        {
            await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        }

        await using var database = NpgsqlDataSource.Create(connectionString);
        await UnsampledColumns.ApplyAsync(database, CancellationToken.None);
        await UnsampledColumns.ApplyAsync(database, CancellationToken.None);

        var unsampled = await UnsampledAsync(database);
        Assert.Equal(NodePayoutTable.RewardArrayColumns.Order(StringComparer.Ordinal), unsampled);

        // ANALYZE then keeps statistics of the keys only.
        await using (var connection = await database.OpenConnectionAsync())
        {
            await using var insert = new NpgsqlCommand(
                $"insert into {NodePayoutTable.QualifiedName} select 'node-' || i, now(), 'task-' || i, 'inference', now(), array[now()], array['task-' || i], array[1::bigint], array[i % 64], array[0.5::float8], array[1::float8], array[1::float8] from generate_series(1, 50) i; analyze {NodePayoutTable.QualifiedName}",
                connection);
            await insert.ExecuteNonQueryAsync();
        }

        var analyzed = await ColumnsAsync(database, $"select attname::text from pg_stats where schemaname = '{PoqStore.Schema}' and tablename = '{NodePayoutTable.Name}' order by attname");
        Assert.Equal(["first_at", "last_at", "last_task_id", "node_id", "role"], analyzed);
    }

    private static Task<List<string>> UnsampledAsync(NpgsqlDataSource database) => ColumnsAsync(
        database,
        $"select attname::text from pg_attribute where attrelid = '{NodePayoutTable.QualifiedName}'::regclass and attnum > 0 and not attisdropped and attstattarget = 0 order by attname collate \"C\"");

    private static async Task<List<string>> ColumnsAsync(NpgsqlDataSource database, string sql)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var names = new List<string>();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}

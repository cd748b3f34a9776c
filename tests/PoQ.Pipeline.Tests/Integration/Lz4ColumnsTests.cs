using Npgsql;
using PoQ.Pipeline.Trust;
using PoQ.Pipeline;
using PoQ.Projections.Store;
using PoQ.Testing.Postgres;

namespace PoQ.Pipeline.Tests.Integration;

/// <summary>The commit's large binary columns are stored LZ4-compressed, and setting it again changes nothing.</summary>
[Collection(PostgresFixture.Collection)]
public sealed class Lz4ColumnsTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Apply_OnAFreshStore_StoresBatchBodiesAndTrustSignalsWithLz4()
    {
        string connectionString = await postgres.CreateDatabaseAsync("lz4_columns");
        using (var store = PipelineStore.Create(connectionString))
        {
            await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        }

        await using var database = NpgsqlDataSource.Create(connectionString);
        var logged = new List<string>();
        await Lz4Columns.ApplyAsync(database, logged.Add, CancellationToken.None);
        await Lz4Columns.ApplyAsync(database, logged.Add, CancellationToken.None);

        Assert.Empty(logged);
        Assert.Equal("l", await ScalarAsync(database, $"select attcompression::text from pg_attribute where attrelid = '{PoqStore.Schema}.{PoqTables.Events}'::regclass and attname = 'bdata'"));
        Assert.Equal("l", await ScalarAsync(database, $"select attcompression::text from pg_attribute where attrelid = '{PoqStore.Schema}.{TrustSignalTable.Name}'::regclass and attname = 'signals'"));

        // A value large enough to be compressed is stored with LZ4.
        await ScalarAsync(database, $"insert into {PoqStore.Schema}.{TrustSignalTable.Name} (epoch, signals) values (1, convert_to(repeat('ev-17 1.0 0.5 ', 2000), 'UTF8')) returning 'ok'");
        Assert.Equal("lz4", await ScalarAsync(database, $"select pg_column_compression(signals) from {PoqStore.Schema}.{TrustSignalTable.Name}"));
    }

    private static async Task<string?> ScalarAsync(NpgsqlDataSource database, string sql)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (string?)await command.ExecuteScalarAsync();
    }
}

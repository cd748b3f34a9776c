using Npgsql;
using PoQ.Testing.Postgres;
using Xunit.Abstractions;

namespace PoQ.Hosting.Tests.Postgres;

/// <summary>The shared integration-test PostgreSQL: real SQL over TCP, a database per test class.</summary>
[Collection(PostgresFixture.Collection)]
public sealed class PostgresFixtureTests(PostgresFixture postgres, ITestOutputHelper output) : IAsyncLifetime
{
    private string _connectionString = string.Empty;

    public async Task InitializeAsync()
    {
        output.WriteLine($"PostgreSQL backend: {postgres.Description}");
        _connectionString = await postgres.CreateDatabaseAsync(nameof(PostgresFixtureTests));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Database_CreateInsertSelect_RoundTripsRows()
    {
        await using var dataSource = NpgsqlDataSource.Create(_connectionString);
        await using (var create = dataSource.CreateCommand("CREATE TABLE scores (task text PRIMARY KEY, score double precision NOT NULL)"))
        {
            await create.ExecuteNonQueryAsync();
        }

        await using (var insert = dataSource.CreateCommand("INSERT INTO scores VALUES ('t1', 0.25), ('t2', 0.75)"))
        {
            Assert.Equal(2, await insert.ExecuteNonQueryAsync());
        }

        await using var select = dataSource.CreateCommand("SELECT sum(score) FROM scores");
        Assert.Equal(1.0, await select.ExecuteScalarAsync());
    }

    [Fact]
    public async Task CreateDatabase_TwoCalls_GiveSeparateEmptyDatabases()
    {
        var other = await postgres.CreateDatabaseAsync("Other Class!");

        Assert.NotEqual(new NpgsqlConnectionStringBuilder(_connectionString).Database, new NpgsqlConnectionStringBuilder(other).Database);
        await using var dataSource = NpgsqlDataSource.Create(other);
        await using var tables = dataSource.CreateCommand("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'");
        Assert.Equal(0L, await tables.ExecuteScalarAsync());
    }

    [Fact]
    public void Backend_InCi_IsTestcontainers()
    {
        // CI must exercise the design card's choice; only a developer machine without Docker may fall back.
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Equal(PostgresBackend.Testcontainers, postgres.Backend);
        }
    }
}

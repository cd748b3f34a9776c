using Npgsql;
using PoQ.Pipeline.Trust;
using PoQ.Testing.Postgres;

namespace PoQ.Pipeline.Tests.Trust;

/// <summary>
/// The one-instance lock of sequential trust survives a database restart: the session that held it ends, the next
/// commit takes it again — unless another instance took it in between, which stops this one loudly.
/// </summary>
[Collection(PostgresFixture.Collection)]
public sealed class SequentialGuardTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_lost_session_is_replaced_and_the_lock_taken_again()
    {
        await using var database = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync("sequential_guard_regain"));
        await using var guard = await SequentialGuard.AcquireAsync(database, CancellationToken.None);
        Assert.Equal(1, await HoldersAsync(database));

        await TerminateHoldersAsync(database); // what a restart does to the session
        Assert.Equal(0, await HoldersAsync(database));
        await guard.EnsureHeldAsync(CancellationToken.None);

        Assert.Equal(1, await HoldersAsync(database));
        await guard.EnsureHeldAsync(CancellationToken.None); // held: nothing changes
        Assert.Equal(1, await HoldersAsync(database));
    }

    [Fact]
    public async Task Another_instance_taking_the_lock_meanwhile_stops_this_one()
    {
        await using var database = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync("sequential_guard_taken"));
        await using var first = await SequentialGuard.AcquireAsync(database, CancellationToken.None);
        await Assert.ThrowsAsync<InvalidOperationException>(() => SequentialGuard.AcquireAsync(database, CancellationToken.None));

        await TerminateHoldersAsync(database);
        await using var second = await SequentialGuard.AcquireAsync(database, CancellationToken.None);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => first.EnsureHeldAsync(CancellationToken.None));
        Assert.Contains("runs in one instance only", refused.Message, StringComparison.Ordinal);
    }

    private static async Task<long> HoldersAsync(NpgsqlDataSource database)
    {
        await using var command = database.CreateCommand("select count(*) from pg_locks where locktype = 'advisory' and granted and database = (select oid from pg_database where datname = current_database())");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task TerminateHoldersAsync(NpgsqlDataSource database)
    {
        await using var command = database.CreateCommand(
            "select pg_terminate_backend(pid) from pg_locks where locktype = 'advisory' and granted and database = (select oid from pg_database where datname = current_database())");
        await command.ExecuteNonQueryAsync();
        await Task.Delay(200); // the backend exits asynchronously
    }
}

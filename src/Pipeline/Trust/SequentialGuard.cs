using Npgsql;

namespace PoQ.Pipeline.Trust;

/// <summary>
/// The sequential update (<c>--trust-epoch 0</c>) is order dependent, so only one instance may run it on a store: it
/// holds a session-level advisory lock for its lifetime (released when the connection closes, also on a crash). A
/// database restart ends that session too, so every sequential commit first makes sure the lock is still held
/// (<see cref="EnsureHeldAsync"/>): taken again on a new connection when it was lost, and a loud stop when another
/// instance took it in between.
/// </summary>
public sealed class SequentialGuard : IAsyncDisposable
{
    // pg_try_advisory_lock key: "poqseqtr" as ASCII.
    private const long LockKey = 0x706F717365717472;

    private const string Refused =
        "--trust-epoch 0 (the paper's sequential update) runs in one instance only, and another instance is running it on this store; use epoch trust (--trust-epoch DURATION) to scale out";

    private readonly NpgsqlDataSource database;
    private readonly SemaphoreSlim gate = new(1, 1);
    private NpgsqlConnection? connection;

    private SequentialGuard(NpgsqlDataSource database) => this.database = database;

    /// <summary>Takes the lock on a dedicated connection; throws when another instance holds it.</summary>
    public static async Task<SequentialGuard> AcquireAsync(NpgsqlDataSource database, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        var guard = new SequentialGuard(database);
        await guard.EnsureHeldAsync(cancellationToken).ConfigureAwait(false);
        return guard;
    }

    /// <summary>
    /// Makes sure this instance still holds the lock: a cheap check on the lock's connection, and when that connection
    /// is gone (a database restart ended it) the lock is taken again on a new one. Transient failures propagate to the
    /// caller's outage policy; another holder is a loud stop.
    /// </summary>
    public async Task EnsureHeldAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (connection is not null && await HeldAsync(connection, cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            if (connection is not null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
                connection = null;
            }

            var fresh = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var take = new NpgsqlCommand("select pg_try_advisory_lock(@key)", fresh);
            take.Parameters.AddWithValue("key", LockKey);
            if (await take.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not true)
            {
                await fresh.DisposeAsync().ConfigureAwait(false);
                throw new InvalidOperationException(Refused);
            }

            connection = fresh;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (connection is not null)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }

        gate.Dispose();
    }

    // False when the connection broke (the session, and with it the lock, ended) or the lock is no longer this session's.
    private static async Task<bool> HeldAsync(NpgsqlConnection held, CancellationToken cancellationToken)
    {
        try
        {
            await using var check = new NpgsqlCommand(
                "select exists (select 1 from pg_locks where locktype = 'advisory' and pid = pg_backend_pid() and granted and ((classid::bigint << 32) | objid::bigint) = @key)",
                held);
            check.Parameters.AddWithValue("key", LockKey);
            return await check.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true;
        }
        catch (Exception broken) when (broken is NpgsqlException or InvalidOperationException or ObjectDisposedException)
        {
            return false;
        }
    }
}

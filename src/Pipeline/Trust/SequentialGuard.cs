using Npgsql;

namespace PoQ.Pipeline.Trust;

/// <summary>
/// The sequential update (<c>--trust-epoch 0</c>) is order dependent, so only one instance may run it on a store: it
/// holds a session-level advisory lock for its lifetime (released when the connection closes, also on a crash).
/// </summary>
public static class SequentialGuard
{
    // pg_try_advisory_lock key: "poqseqtr" as ASCII.
    private const long LockKey = 0x706F717365717472;

    /// <summary>Takes the lock on a dedicated connection (kept open by the caller); throws when another instance holds it.</summary>
    public static async Task<NpgsqlConnection> AcquireAsync(NpgsqlDataSource database, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("select pg_try_advisory_lock(@key)", connection);
        command.Parameters.AddWithValue("key", LockKey);
        if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true)
        {
            return connection;
        }

        await connection.DisposeAsync().ConfigureAwait(false);
        throw new InvalidOperationException("--trust-epoch 0 (the paper's sequential update) runs in one instance only, and another instance is running it on this store; use epoch trust (--trust-epoch DURATION) to scale out");
    }
}

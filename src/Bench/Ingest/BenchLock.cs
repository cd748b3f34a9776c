using Npgsql;

namespace PoQ.Bench.Ingest;

/// <summary>
/// One ingest bench per PostgreSQL at a time: each phase drops and recreates the <c>poq</c> schema, so a second bench
/// started meanwhile would drop the first one's tables under its running pipeline (its commits then fail or, worse,
/// land in the other run's store). Held as a session advisory lock for the bench's whole run.
/// </summary>
public sealed class BenchLock : IAsyncDisposable
{
    // Any constant that no other PoQ lock uses (SequentialGuard holds its own key).
    private const long Key = 0x506F515F42656E63; // "PoQ_Benc"

    private readonly NpgsqlConnection connection;

    private BenchLock(NpgsqlConnection connection) => this.connection = connection;

    /// <summary>Takes the lock, or throws naming why when another bench holds it.</summary>
    public static async Task<BenchLock> AcquireAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand("select pg_try_advisory_lock(@key)", connection);
            command.Parameters.AddWithValue("key", Key);
            if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not true)
            {
                throw new InvalidOperationException("another poq bench ingest is running against this PostgreSQL (each phase drops and recreates the poq schema): wait for it to finish");
            }

            return new BenchLock(connection);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => connection.DisposeAsync();
}

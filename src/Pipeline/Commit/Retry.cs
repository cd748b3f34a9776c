using Npgsql;

namespace PoQ.Pipeline.Commit;

/// <summary>
/// The pipeline's retry policy for I/O: transient broker or database errors are retried with exponential backoff (the
/// commit's checkpoint makes a re-run transaction idempotent); anything else, or a transient error that outlasts the
/// attempts, propagates and stops the stream loudly. Contract errors never get here — they are dead-lettered as values.
/// </summary>
public static class Retry
{
    /// <summary>Runs <paramref name="action"/>, retrying transient failures.</summary>
    public static async Task<T> Transient<T>(Func<Task<T>> action, string what, Action<string>? log, CancellationToken cancellationToken, int attempts = 8)
    {
        ArgumentNullException.ThrowIfNull(action);
        var delay = TimeSpan.FromMilliseconds(100);
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await action().ConfigureAwait(false);
            }
            catch (Exception error) when (attempt < attempts && IsTransient(error))
            {
                log?.Invoke($"{what}: transient failure (attempt {attempt}/{attempts}), retrying in {delay.TotalMilliseconds:0} ms: {error.Message}");
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
        }
    }

    /// <summary>Database connection problems, serialization failures and Kafka errors that are not fatal (Marten's wrappers unwrapped).</summary>
    public static bool IsTransient(Exception error)
    {
        for (var current = error; current is not null; current = current.InnerException)
        {
            if (IsTransientItself(current))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsTransientItself(Exception error) => error switch
    {
        PostgresException { SqlState: "40001" or "40P01" } => true,
        NpgsqlException npgsql => npgsql.IsTransient || npgsql.InnerException is System.Net.Sockets.SocketException or IOException or TimeoutException,
        Confluent.Kafka.KafkaException kafka => !kafka.Error.IsFatal,
        TimeoutException or System.Net.Sockets.SocketException => true,
        _ => false,
    };
}

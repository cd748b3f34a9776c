using System.Net.Sockets;
using Npgsql;

namespace PoQ.Pipeline.Resilience;

/// <summary>
/// Which PostgreSQL failures are an outage to ride through and which are a bug to stop on, by SQLSTATE and exception
/// type. Transient: the connection was lost or refused (class 08, sockets, I/O, timeouts), the server is shutting down
/// or starting (57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now), serialization failures (40001),
/// deadlocks (40P01), too many connections (53300). Re-running the whole batch transaction is safe after any of them:
/// the checkpoint in the same transaction makes the commit idempotent. Anything else (a constraint violated, a
/// missing table, a bad statement) is not cured by waiting.
/// </summary>
public static class PostgresFaults
{
    /// <summary>True when <paramref name="error"/> or an exception it wraps is a transient database failure.</summary>
    public static bool IsTransient(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        for (var current = error; current is not null; current = current.InnerException)
        {
            if (IsTransientItself(current))
            {
                return true;
            }

            if (current is AggregateException aggregate && aggregate.InnerExceptions.Any(IsTransient))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True for the SQLSTATEs listed on the class.</summary>
    public static bool IsTransientState(string sqlState) =>
        sqlState.StartsWith("08", StringComparison.Ordinal)
        || sqlState is "57P01" or "57P02" or "57P03" or "40001" or "40P01" or "53300";

    private static bool IsTransientItself(Exception error) => error switch
    {
        PostgresException postgres => IsTransientState(postgres.SqlState),
        NpgsqlException npgsql => npgsql.IsTransient || npgsql.InnerException is SocketException or IOException or TimeoutException,
        SocketException or TimeoutException => true,
        // A transaction or connection disposed under us by a broken connection: the cause is inside (checked by the loop).
        _ => false,
    };
}

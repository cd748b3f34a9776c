using System.Net.Sockets;
using Npgsql;

namespace PoQ.Cli;

/// <summary>
/// The last word on an exception no command handled: what an operator can act on gets one line and exit code 2 (a
/// database that does not exist, a server that is not running, a store no pipeline has written yet, a refused login);
/// anything else is a bug and gets one line and exit code 1. Never a stack trace (set <c>POQ_DEBUG=1</c> for one).
/// </summary>
internal static class CliFailures
{
    /// <summary>Exit code for a failure that is not the operator's to fix.</summary>
    public const int Unexpected = 1;

    /// <summary>The exit code and the line for <paramref name="error"/>.</summary>
    public static (int ExitCode, string Line) Describe(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        for (var current = error; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case PostgresException { SqlState: "3D000" } missing:
                    return (CliErrors.UsageError, $"{missing.MessageText}: no store there yet — run `poq demo` or `poq run` to create one, or pass --database NAME");
                case PostgresException { SqlState: "42P01" or "3F000" }:
                    return (CliErrors.UsageError, "that database holds no PoQ store yet (no pipeline has written to it): run `poq run` or `poq demo` first, or pass --database NAME");
                case PostgresException { SqlState: "28P01" or "28000" } refused:
                    return (CliErrors.UsageError, $"PostgreSQL refused the login: {refused.MessageText}; check the user and password in --postgres");
                case PostgresException { SqlState: "57P01" or "57P02" or "57P03" } down:
                    return (CliErrors.UsageError, $"PostgreSQL is shutting down or starting up ({down.SqlState}): try again in a moment");
                case NpgsqlException { InnerException: SocketException socket }:
                    return (CliErrors.UsageError, $"PostgreSQL is not reachable ({socket.SocketErrorCode}): start it (`poq run` starts the local one under $POQ_HOME) or pass --postgres CONNSTRING");
                case TimeoutException or NpgsqlException { InnerException: TimeoutException }:
                    return (CliErrors.UsageError, "PostgreSQL did not answer in time: is the server overloaded or the address wrong? (--postgres)");
            }
        }

        return (Unexpected, $"unexpected failure: {error.GetType().Name}: {error.Message} (POQ_DEBUG=1 shows the stack trace)");
    }
}

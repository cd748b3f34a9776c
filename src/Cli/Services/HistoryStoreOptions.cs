using System.CommandLine;
using Marten;
using Npgsql;
using PoQ.Projections.History;
using PoQ.Projections.Store;

namespace PoQ.Cli.Services;

/// <summary>
/// <c>--postgres</c> / <c>--database</c> and the one way every reader of the recorded history (status, audit, replay,
/// serve, projections, bench replay) opens it: an explicit connection string, else the running local PostgreSQL under
/// $POQ_HOME and the store last recorded into. Never starts a server, never creates a schema (the check is
/// <see cref="HistoryReader.PresenceAsync"/>); every failure is one line saying what is wrong and what to do.
/// </summary>
/// <param name="needed">What the command needs the database to hold: a store (status, rebuild) or recorded tasks.</param>
internal sealed class HistoryStoreOptions(HistoryPresence needed)
{
    /// <summary>The failure when no server is known.</summary>
    public const string NoServer = "no event store: no local PostgreSQL is running under $POQ_HOME (start `poq run` or `poq demo` once) and no --postgres was given";

    public Option<string?> Postgres { get; } = new("--postgres") { Description = "PostgreSQL connection string (default: the local PostgreSQL under $POQ_HOME)." };

    public Option<string?> Database { get; } = new("--database") { Description = $"Database of the store (default: the one `poq run` or `poq demo` last recorded into locally, else {PoqHome.RunDatabase}; with --postgres, replaces the connection string's database)." };

    public void AddTo(Command command)
    {
        command.Options.Add(Postgres);
        command.Options.Add(Database);
    }

    /// <summary>The store's connection string, not yet checked; or why there is none (<see cref="NoServer"/>, a bad <c>--postgres</c>).</summary>
    public async Task<(string? Connection, string? Error)> LocateAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        string? named = parse.GetValue(Database);
        string? running = await PostgresEndpoint.RunningAsync(parse.GetValue(Postgres), named ?? PoqHome.DefaultDatabase, cancellationToken).ConfigureAwait(false);
        if (running is null)
        {
            return (null, NoServer);
        }

        try
        {
            // Parsed even when kept as given: a bad --postgres is reported here, once, rather than by whichever reader trips on it.
            var builder = new NpgsqlConnectionStringBuilder(running);
            if (named is null)
            {
                return (running, null);
            }

            builder.Database = named;
            return (builder.ConnectionString, null);
        }
        catch (ArgumentException bad)
        {
            return (null, $"--postgres: not a valid connection string ({bad.Message})");
        }
    }

    /// <summary>The connection string of a store that holds what the command needs, or the line saying why not.</summary>
    public async Task<(string? Connection, string? Error)> ResolveAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var (connection, error) = await LocateAsync(parse, cancellationToken).ConfigureAwait(false);
        if (connection is null)
        {
            return (null, error);
        }

        try
        {
            var presence = await HistoryReader.PresenceAsync(connection, cancellationToken).ConfigureAwait(false);
            return Shortfall(presence, needed, connection) is { } missing ? (null, missing) : (connection, null);
        }
        catch (NpgsqlException failure)
        {
            return (null, Describe(failure, connection));
        }
    }

    /// <summary>Runs <paramref name="body"/> over the opened store, turning database failures into one clear line.</summary>
    public async Task<int> RunAsync(ParseResult parse, Func<OpenStore, Task<int>> body, CancellationToken cancellationToken)
    {
        var (connection, error) = await ResolveAsync(parse, cancellationToken).ConfigureAwait(false);
        if (connection is null)
        {
            return CliErrors.Fail(error!);
        }

        try
        {
            using var store = PoqStore.Create(connection);
            await using var session = store.QuerySession();
            return await body(new OpenStore(store, session, connection)).ConfigureAwait(false);
        }
        catch (NpgsqlException failure)
        {
            return CliErrors.Fail(Describe(failure, connection));
        }
    }

    /// <summary>Why a database holding <paramref name="presence"/> does not serve a command that needs <paramref name="wanted"/>; null when it does.</summary>
    public static string? Shortfall(HistoryPresence presence, HistoryPresence wanted, string connection) => presence >= wanted
        ? null
        : wanted == HistoryPresence.Recorded
            ? $"empty store: database '{DatabaseOf(connection)}' holds no recorded task (run `poq run` or `poq demo`, or pass --database/--postgres)"
            : $"database '{DatabaseOf(connection)}' holds no PoQ store yet: no pipeline has recorded into it (run `poq run` or `poq demo`, or pass --database/--postgres)";

    public static string Describe(NpgsqlException error, string connection) => error is PostgresException { SqlState: PostgresErrorCodes.InvalidCatalogName }
        ? $"database '{DatabaseOf(connection)}' does not exist on that PostgreSQL (poq demo records into {PoqHome.DemoDatabase}: --database {PoqHome.DemoDatabase})"
        : $"cannot read the event store ({DatabaseOf(connection)}) at {HostOf(connection)}: {error.Message}";

    private static string DatabaseOf(string connection) => new NpgsqlConnectionStringBuilder(connection).Database ?? "?";

    private static string HostOf(string connection)
    {
        var builder = new NpgsqlConnectionStringBuilder(connection);
        return $"{builder.Host ?? "?"}:{builder.Port}";
    }
}

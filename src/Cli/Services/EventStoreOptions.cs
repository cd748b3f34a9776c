using System.CommandLine;
using Npgsql;
using PoQ.Projections.Replay;

namespace PoQ.Cli.Services;

/// <summary>
/// <c>--postgres CONNSTRING</c> / <c>--database NAME</c> for commands that read a recorded history (replay, bench replay):
/// an explicit connection string, else the running local PostgreSQL under $POQ_HOME; never starts one, never creates a
/// schema in a database that holds no history.
/// </summary>
internal sealed class EventStoreOptions
{
    private readonly Option<string?> postgres = new("--postgres") { Description = "PostgreSQL connection string (default: the local PostgreSQL under $POQ_HOME)." };
    private readonly Option<string?> database = new("--database") { Description = "Database holding the history (default: the one `poq run` or `poq demo` last recorded into locally, else poq)." };

    public void AddTo(Command command)
    {
        command.Options.Add(postgres);
        command.Options.Add(database);
    }

    /// <summary>The connection string of a database that holds a PoQ event store, or the reason there is none.</summary>
    public async Task<(string? Connection, string? Error)> ResolveAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        string? explicitConnection = parse.GetValue(postgres);
        string? running = await PostgresEndpoint.RunningAsync(explicitConnection, cancellationToken).ConfigureAwait(false);
        if (running is null)
        {
            return (null, "no event store: no local PostgreSQL is running under $POQ_HOME (run `poq run` or `poq demo` once) and no --postgres was given");
        }

        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(running);
        }
        catch (ArgumentException bad)
        {
            return (null, $"--postgres: not a valid connection string ({bad.Message})");
        }

        string? name = parse.GetValue(database);
        if (name is not null || explicitConnection is null)
        {
            builder.Database = name ?? PoqHome.DefaultDatabase;
        }

        string connection = builder.ConnectionString;
        try
        {
            return await RecordedHistory.StoreExistsAsync(connection, cancellationToken).ConfigureAwait(false)
                ? (connection, null)
                : (null, $"the event store is empty: database '{builder.Database}' holds no recorded history (record one with `poq run` or `poq demo`; the demo records into --database poq_demo)");
        }
        catch (PostgresException missing) when (missing.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            return (null, $"database '{builder.Database}' does not exist on {builder.Host}:{builder.Port} (the demo records into --database poq_demo)");
        }
        catch (NpgsqlException unreachable)
        {
            return (null, $"cannot reach PostgreSQL at {builder.Host}:{builder.Port}: {unreachable.Message}");
        }
    }
}

using System.CommandLine;
using Marten;
using Npgsql;
using PoQ.Projections.Audit;
using PoQ.Projections.Store;

namespace PoQ.Cli.Services;

/// <summary>
/// The options every audit reader shares (<c>--postgres</c>, <c>--database</c>) and the one way to open the recorded
/// history: an existing store with at least one task, or a clear error — never a stack trace, never a new schema.
/// </summary>
internal sealed class AuditStoreOptions
{
    public Option<string?> Postgres { get; } = new("--postgres") { Description = "PostgreSQL connection string (default: the local PostgreSQL under $POQ_HOME)." };

    public Option<string?> Database { get; } = new("--database") { Description = "Database of the store (default: the one `poq run` or `poq demo` last recorded into locally, else poq; with --postgres, replaces the connection string's database)." };

    public void AddTo(Command command)
    {
        command.Options.Add(Postgres);
        command.Options.Add(Database);
    }

    /// <summary>The connection string of a store with recorded history, or the message saying why there is none.</summary>
    public async Task<(string? Connection, string? Error)> ResolveAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        string? named = parse.GetValue(Database);
        string? connection = await PostgresEndpoint.RunningAsync(parse.GetValue(Postgres), named ?? PoqHome.DefaultDatabase, cancellationToken).ConfigureAwait(false);
        if (connection is not null && named is not null && parse.GetValue(Postgres) is not null)
        {
            connection = new NpgsqlConnectionStringBuilder(connection) { Database = named }.ConnectionString;
        }

        if (connection is null)
        {
            return (null, "no event store: no local PostgreSQL is running under $POQ_HOME (start `poq run` or `poq demo` once) and no --postgres was given");
        }

        try
        {
            return await AuditStore.HasHistoryAsync(connection, cancellationToken).ConfigureAwait(false)
                ? (connection, null)
                : (null, $"empty store: database '{DatabaseOf(connection)}' holds no recorded task (run `poq run` or `poq demo`, or pass --database/--postgres)");
        }
        catch (NpgsqlException error)
        {
            return (null, Describe(error, connection));
        }
    }

    /// <summary>Runs <paramref name="body"/> over an open query session, turning database failures into one clear line.</summary>
    public async Task<int> RunAsync(ParseResult parse, Func<IQuerySession, string, Task<int>> body, CancellationToken cancellationToken)
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
            return await body(session, connection).ConfigureAwait(false);
        }
        catch (NpgsqlException failure)
        {
            return CliErrors.Fail(Describe(failure, connection));
        }
    }

    public static string Describe(NpgsqlException error, string connection) => error is PostgresException { SqlState: PostgresErrorCodes.InvalidCatalogName }
        ? $"database '{DatabaseOf(connection)}' does not exist on that PostgreSQL (poq demo records into poq_demo: --database poq_demo)"
        : $"cannot read the event store ({DatabaseOf(connection)}): {error.Message}";

    private static string DatabaseOf(string connection) => new NpgsqlConnectionStringBuilder(connection).Database ?? "?";
}

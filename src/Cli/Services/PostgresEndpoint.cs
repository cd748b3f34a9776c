using PoQ.Hosting.Postgres;

namespace PoQ.Cli.Services;

/// <summary>Resolves the event store: <c>--postgres</c> when given, else the local PostgreSQL under $POQ_HOME (started if needed).</summary>
internal static class PostgresEndpoint
{
    public static async Task<string> ResolveAsync(string? explicitConnection, string database, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(explicitConnection))
        {
            return explicitConnection;
        }

        var instance = await LocalPostgres.EnsureRunningAsync(Local(PoqHome.Path, database, fsync: true), cancellationToken).ConfigureAwait(false);
        return instance.ConnectionString;
    }

    /// <summary>
    /// The options of a local server the CLI starts: on a bare machine the server binaries are installed from the
    /// distribution's packages first, said on one line (README: "A bare machine").
    /// </summary>
    public static LocalPostgresOptions Local(string poqHome, string database, bool fsync) => new()
    {
        PoqHome = poqHome,
        Database = database,
        Fsync = fsync,
        InstallBinaries = line => Console.Error.WriteLine($"poq: {line}"),
    };

    /// <summary>
    /// For a writer (<c>poq run</c>): <c>--postgres</c> with its database replaced by <paramref name="database"/> when one
    /// was named, created if missing; else the local PostgreSQL under $POQ_HOME (started if needed) and that database.
    /// </summary>
    public static async Task<string> ResolveForWritingAsync(string? explicitConnection, string? database, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(explicitConnection))
        {
            return await ResolveAsync(null, database ?? PoqHome.RunDatabase, cancellationToken).ConfigureAwait(false);
        }

        var builder = new Npgsql.NpgsqlConnectionStringBuilder(explicitConnection);
        if (database is null || builder.Database == database)
        {
            return explicitConnection;
        }

        builder.Database = database;
        await CreateIfMissingAsync(builder, cancellationToken).ConfigureAwait(false);
        return builder.ConnectionString;
    }

    private static async Task CreateIfMissingAsync(Npgsql.NpgsqlConnectionStringBuilder target, CancellationToken cancellationToken)
    {
        var maintenance = new Npgsql.NpgsqlConnectionStringBuilder(target.ConnectionString) { Database = "postgres" };
        await using var connection = new Npgsql.NpgsqlConnection(maintenance.ConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var exists = new Npgsql.NpgsqlCommand("select 1 from pg_database where datname = @name", connection);
        exists.Parameters.AddWithValue("name", target.Database!);
        if (await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is null)
        {
            await using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE \"{target.Database!.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
            try
            {
                await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Npgsql.PostgresException race) when (race.SqlState == Npgsql.PostgresErrorCodes.DuplicateDatabase)
            {
                // Another instance of the group created it first.
            }
        }
    }

    /// <summary>The local instance's connection string if one is running; never starts one.</summary>
    public static async Task<string?> RunningAsync(string? explicitConnection, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(explicitConnection))
        {
            return explicitConnection;
        }

        var instance = await LocalPostgres.TryGetRunningAsync(new LocalPostgresOptions { PoqHome = PoqHome.Path }, cancellationToken).ConfigureAwait(false);
        return instance?.ConnectionString;
    }

    /// <summary>Like <see cref="RunningAsync(string?, CancellationToken)"/>, naming <paramref name="database"/> in the local instance's connection string.</summary>
    public static async Task<string?> RunningAsync(string? explicitConnection, string database, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(explicitConnection))
        {
            return explicitConnection;
        }

        var instance = await LocalPostgres.TryGetRunningAsync(new LocalPostgresOptions { PoqHome = PoqHome.Path, Database = database }, cancellationToken).ConfigureAwait(false);
        return instance?.ConnectionString;
    }
}

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

        var instance = await LocalPostgres.EnsureRunningAsync(new LocalPostgresOptions { PoqHome = PoqHome.Path, Database = database }, cancellationToken).ConfigureAwait(false);
        return instance.ConnectionString;
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

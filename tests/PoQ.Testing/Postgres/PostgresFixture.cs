using System.Globalization;
using System.Text;
using DotNet.Testcontainers.Images;
using Npgsql;
using PoQ.Hosting.Postgres;
using Testcontainers.PostgreSql;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace PoQ.Testing.Postgres;

/// <summary>
/// A real PostgreSQL for integration tests, shared by every test class in the <c>"postgres"</c> collection.
/// Testcontainers runs the locally built <c>poq-postgres:15</c> image (<c>infra/postgres-image.sh</c>; nothing is
/// ever pulled). Without a reachable Docker engine a developer machine falls back to the system's binaries
/// (<see cref="LocalPostgres"/>, fsync off, temporary PoQ home); CI (<c>CI=true</c>) fails instead.
/// Each test assembly declares the collection once:
/// <code>[CollectionDefinition(PostgresFixture.Collection)] public sealed class PostgresCollection : ICollectionFixture&lt;PostgresFixture&gt;;</code>
/// and each test class calls <see cref="CreateDatabaseAsync"/> for a database of its own.
/// </summary>
public sealed class PostgresFixture(IMessageSink diagnostics) : IAsyncLifetime
{
    /// <summary>The xunit collection name.</summary>
    public const string Collection = "postgres";

    /// <summary>The image <c>infra/postgres-image.sh</c> builds.</summary>
    public const string Image = "poq-postgres:15";

    // Docker.DotNet's default API version is newer than Debian's engine (1.41, environment.md); newer engines accept 1.44.
    private static readonly Version NewestApiVersionToRequest = new(1, 44);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);
    private static int _databaseCounter;

    private PostgreSqlContainer? _container;
    private LocalPostgresOptions? _localOptions;
    private string? _connectionString;

    /// <summary>Which PostgreSQL is in use (set by <see cref="InitializeAsync"/>).</summary>
    public PostgresBackend Backend { get; private set; }

    /// <summary>Connection string to the server's default database (administrative use; tests take their own database).</summary>
    public string ConnectionString => _connectionString ?? throw new InvalidOperationException("The fixture is not initialized.");

    /// <summary>One line naming the backend and where it listens, for test output.</summary>
    public string Description { get; private set; } = "not initialized";

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        var apiVersion = await DockerProbe.TryGetApiVersionAsync(TimeSpan.FromSeconds(3), timeout.Token).ConfigureAwait(false);
        if (apiVersion is not null)
        {
            await StartContainerAsync(apiVersion, timeout.Token).ConfigureAwait(false);
        }
        else if (IsCi())
        {
            throw new InvalidOperationException(
                "CI=true but no Docker engine answers (DOCKER_HOST or /var/run/docker.sock). Integration tests in CI need the " +
                $"Testcontainers PostgreSQL: run infra/docker-up.sh and infra/postgres-image.sh (./test.sh does) before dotnet test.");
        }
        else
        {
            await StartLocalAsync(timeout.Token).ConfigureAwait(false);
        }

        Log($"PostgreSQL backend: {Description}");
    }

    /// <summary>
    /// Creates an empty database named after <paramref name="prefix"/> plus a unique suffix and returns its connection
    /// string, so test classes sharing the server never see each other's tables.
    /// </summary>
    public async Task<string> CreateDatabaseAsync(string prefix, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var name = string.Create(CultureInfo.InvariantCulture,
            $"{Sanitize(prefix)}_{Interlocked.Increment(ref _databaseCounter)}_{Guid.NewGuid().ToString("N")[..6]}");
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync(ct).ConfigureAwait(false);
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        // Idle pooled connections would hold the server in a smart shutdown.
        NpgsqlConnection.ClearAllPools();
        if (_container is not null)
        {
            await _container.DisposeAsync().ConfigureAwait(false);
        }

        if (_localOptions is not null)
        {
            await LocalPostgres.StopAsync(_localOptions, CancellationToken.None).ConfigureAwait(false);
            Directory.Delete(_localOptions.ResolvePoqHome(), recursive: true);
        }
    }

    private async Task StartContainerAsync(Version apiVersion, CancellationToken ct)
    {
        // Testcontainers reads these when first used; set what the caller left unset (./test.sh exports all three).
        SetDefault("DOCKER_API_VERSION", DockerProbe.Format(apiVersion < NewestApiVersionToRequest ? apiVersion : NewestApiVersionToRequest));
        SetDefault("TESTCONTAINERS_RYUK_DISABLED", "true"); // Ryuk's image cannot be pulled here; DisposeAsync removes the container.
        if (DockerProbe.IsLocalEngine())
        {
            SetDefault("TESTCONTAINERS_HOST_OVERRIDE", "127.0.0.1"); // loopback, not the bridge (network rule, environment.md)
        }

        var container = new PostgreSqlBuilder(Image)
            .WithImagePullPolicy(PullPolicy.Never)
            .Build();
        try
        {
            await container.StartAsync(ct).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            await container.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException(
                $"Docker answers (API {DockerProbe.Format(apiVersion)}) but the {Image} container did not start. " +
                $"Build the image with infra/postgres-image.sh (it is never pulled). Cause: {ex.Message}", ex);
        }

        _container = container;
        _connectionString = container.GetConnectionString();
        Backend = PostgresBackend.Testcontainers;
        Description = $"Testcontainers {Image} at {container.Hostname}:{container.GetMappedPublicPort(PostgreSqlBuilder.PostgreSqlPort)} (Docker API {DockerProbe.Format(apiVersion)})";
    }

    private async Task StartLocalAsync(CancellationToken ct)
    {
        Log("No Docker engine answers and CI is not set: falling back to the system's PostgreSQL binaries (fsync off, temporary home).");
        _localOptions = new LocalPostgresOptions
        {
            PoqHome = Path.Combine(Path.GetTempPath(), "poq-test-pg-" + Guid.NewGuid().ToString("N")[..8]),
            Fsync = false,
            Port = 56329, // clear of a developer's own instance on 54329
            Database = "postgres",
        };
        var instance = await LocalPostgres.EnsureRunningAsync(_localOptions, ct).ConfigureAwait(false);
        _connectionString = instance.ConnectionString;
        Backend = PostgresBackend.LocalBinaries;
        Description = $"local binaries ({instance.BinDirectory}) at 127.0.0.1:{instance.Port}, home {_localOptions.PoqHome}";
    }

    private static bool IsCi() => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    private static void SetDefault(string name, string value)
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name)))
        {
            Environment.SetEnvironmentVariable(name, value);
        }
    }

    private static string Sanitize(string prefix)
    {
        var name = new StringBuilder();
        foreach (var c in prefix.ToLowerInvariant())
        {
            name.Append(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' ? c : '_');
        }

        var trimmed = name.ToString().Trim('_');
        if (trimmed.Length == 0)
        {
            trimmed = "test";
        }

        // PostgreSQL names stop at 63 bytes; 40 leaves room for the suffix.
        return trimmed.Length > 40 ? trimmed[..40] : trimmed;
    }

    private void Log(string message)
    {
        diagnostics.OnMessage(new DiagnosticMessage(message));
        // Also on the console: shows in `dotnet test` output without diagnostic settings.
        Console.WriteLine($"[PostgresFixture] {message}");
    }
}

using System.Net;
using System.Net.Sockets;
using Npgsql;
using PoQ.Hosting.Postgres;
using PoQ.Simulation.Attacks;
using PoQ.Simulation.Network;

namespace PoQ.Chaos;

/// <summary>
/// Where the faults happen: a PostgreSQL server of the soak's own (under a work directory, fsync on — a crash must
/// not lose what was committed), which the faults stop and start; the seeded input log every run publishes; and the
/// command that starts <c>poq</c>. Each run gets a fresh broker and a fresh database; the log is the same every time.
/// </summary>
public sealed class ChaosWorld : IAsyncDisposable
{
    private readonly LocalPostgresOptions postgres;
    private readonly string directory;
    private string? serverConnection;

    private ChaosWorld(string directory, LocalPostgresOptions postgres, IReadOnlyList<string> poq, ChaosOptions options)
    {
        this.directory = directory;
        this.postgres = postgres;
        Poq = poq;
        Options = options;
        Scenario = new NetworkScenarioOptions
        {
            Tasks = options.Tasks, Evaluators = 30, InferenceNodes = 6, K = 5, MaliciousRatio = 0.2, Attack = AttackKind.Noise,
            BadMessageRatio = 0.01, Seed = (ulong)options.Seed, RunId = "chaos",
        };
        Messages = NetworkScenario.Generate(Scenario).ToList();
    }

    /// <summary>The scenario the log is generated from (its evaluators are registered before it is published).</summary>
    public NetworkScenarioOptions Scenario { get; }

    /// <summary>The command that runs poq (its apphost, or dotnet and its dll).</summary>
    public IReadOnlyList<string> Poq { get; }

    /// <summary>The soak's settings.</summary>
    public ChaosOptions Options { get; }

    /// <summary>The input log, in publishing order.</summary>
    public IReadOnlyList<ScenarioMessage> Messages { get; }

    /// <summary>The work directory (POQ_HOME of the pipelines).</summary>
    public string Directory => directory;

    /// <summary>Creates the directory and starts the server.</summary>
    public static async Task<ChaosWorld> StartAsync(IReadOnlyList<string> poq, ChaosOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        string directory = Path.Combine(Path.GetTempPath(), "poq-chaos-" + Guid.NewGuid().ToString("N")[..8]);
        System.IO.Directory.CreateDirectory(directory);
        var postgres = new LocalPostgresOptions { PoqHome = directory, Port = FreePort(), Fsync = true, Database = "postgres" };
        var world = new ChaosWorld(directory, postgres, poq, options);
        await world.StartPostgresAsync(cancellationToken).ConfigureAwait(false);
        return world;
    }

    /// <summary>Starts (or restarts) the server.</summary>
    public async Task StartPostgresAsync(CancellationToken cancellationToken)
    {
        var instance = await LocalPostgres.EnsureRunningAsync(postgres, cancellationToken).ConfigureAwait(false);
        serverConnection = instance.ConnectionString;
    }

    /// <summary>Stops the server: fast (sessions end with 57P01) or immediate (a crash).</summary>
    public Task StopPostgresAsync(PostgresShutdown mode, CancellationToken cancellationToken) => LocalPostgres.StopAsync(postgres, mode, cancellationToken);

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        await using (var connection = new NpgsqlConnection(serverConnection))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var drop = new NpgsqlCommand($"drop database if exists \"{name}\" with (force)", connection);
            await drop.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            await using var create = new NpgsqlCommand($"create database \"{name}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return new NpgsqlConnectionStringBuilder(serverConnection) { Database = name, Pooling = false }.ConnectionString;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            await LocalPostgres.StopAsync(postgres, PostgresShutdown.Immediate, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            if (System.IO.Directory.Exists(directory))
            {
                System.IO.Directory.Delete(directory, recursive: true);
            }
        }
    }

    /// <summary>A loopback TCP port free right now (for the server, a metrics endpoint, a port nothing listens on).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

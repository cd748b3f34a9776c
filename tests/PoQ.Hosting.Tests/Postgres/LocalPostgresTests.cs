using System.Runtime.Versioning;
using Npgsql;
using PoQ.Hosting.Postgres;
using Xunit.Abstractions;

namespace PoQ.Hosting.Tests.Postgres;

/// <summary>Starts a real server from the system's binaries in a throwaway PoQ home.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class LocalPostgresTests(ITestOutputHelper output) : IAsyncLifetime
{
    // The home sits in a private (0700) directory, like ~/.poq in /root: as root the server's user must still reach it.
    private readonly string _private = Path.Combine(Path.GetTempPath(), "poq-localpg-" + Guid.NewGuid().ToString("N")[..8]);

    private string Home => Path.Combine(_private, "home");

    // fsync off: a test server; 55329 keeps clear of a developer's own instance on the default 54329.
    private LocalPostgresOptions Options => new() { PoqHome = Home, Fsync = false, Port = 55329 };

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_private, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await LocalPostgres.StopAsync(Options, CancellationToken.None);
        Directory.Delete(_private, recursive: true);
    }

    [Fact]
    public async Task EnsureRunning_TwiceOnOneHome_StartsOnceThenReusesTheSameServer()
    {
        var first = await LocalPostgres.EnsureRunningAsync(Options, CancellationToken.None);
        output.WriteLine($"started: {first.ConnectionString} pid {first.ProcessId} bin {first.BinDirectory}");

        Assert.True(first.StartedNow);
        if (Environment.IsPrivilegedProcess)
        {
            Assert.Contains(first.Notes, note => note.Contains(_private, StringComparison.Ordinal));
        }

        Assert.Equal("127.0.0.1", first.Host);
        Assert.InRange(first.Port, 55329, 65535);
        Assert.Contains("Database=poq", first.ConnectionString, StringComparison.Ordinal);
        Assert.Equal(first.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), (await File.ReadAllTextAsync(Path.Combine(Home, "postgres", "port"))).Trim());

        await using (var connection = new NpgsqlConnection(first.ConnectionString))
        {
            await connection.OpenAsync();
            await using var select = new NpgsqlCommand("select 1", connection);
            Assert.Equal(1, await select.ExecuteScalarAsync());
            await using var fsync = new NpgsqlCommand("show fsync", connection);
            Assert.Equal("off", await fsync.ExecuteScalarAsync()); // as asked by the options; the default is on
        }

        var second = await LocalPostgres.EnsureRunningAsync(Options, CancellationToken.None);
        Assert.False(second.StartedNow);
        Assert.Equal(first.Port, second.Port);
        Assert.Equal(first.ProcessId, second.ProcessId);

        var seenByStatus = await LocalPostgres.TryGetRunningAsync(Options, CancellationToken.None);
        Assert.Equal(first.ProcessId, seenByStatus?.ProcessId);
    }

    [Fact]
    public async Task Stop_RunningServer_LeavesNoneRunningAndTheNextEnsureRestartsIt()
    {
        var first = await LocalPostgres.EnsureRunningAsync(Options, CancellationToken.None);

        await LocalPostgres.StopAsync(Options, CancellationToken.None);
        Assert.Null(await LocalPostgres.TryGetRunningAsync(Options, CancellationToken.None));

        var again = await LocalPostgres.EnsureRunningAsync(Options, CancellationToken.None);
        Assert.True(again.StartedNow);
        Assert.Equal(first.Port, again.Port); // the recorded port is preferred while free
        Assert.NotEqual(first.ProcessId, again.ProcessId);
    }

    [Fact]
    public async Task EnsureRunning_BinDirectoryWithoutPostgres_SaysHowToInstall()
    {
        var options = new LocalPostgresOptions { PoqHome = Home, BinDirectory = Home };

        var ex = await Assert.ThrowsAsync<PostgresNotInstalledException>(() => LocalPostgres.EnsureRunningAsync(options, CancellationToken.None));

        Assert.Contains("apt-get install postgresql", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SeveralBadSettings_ReportsThemAllAtOnce()
    {
        var options = new LocalPostgresOptions { Port = 80, Database = "", StartTimeout = TimeSpan.Zero };

        var ex = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains("Port", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Database", ex.Message, StringComparison.Ordinal);
        Assert.Contains("StartTimeout", ex.Message, StringComparison.Ordinal);
    }
}

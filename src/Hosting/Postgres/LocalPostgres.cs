using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace PoQ.Hosting.Postgres;

/// <summary>
/// The local PostgreSQL that <c>poq run</c> starts from the system's binaries: one cluster per
/// <c>$POQ_HOME</c>, on 127.0.0.1, outliving the process that started it so the next run and
/// <c>poq status</c> reuse it.
/// </summary>
public static class LocalPostgres
{
    // Another process (a second `poq run`, `poq status`, a parallel test) may be doing the same right now.
    private static readonly TimeSpan LockRetry = TimeSpan.FromMilliseconds(100);

    // Start attempts when the chosen port is taken between the check and the bind.
    private const int StartAttempts = 5;

    /// <summary>
    /// Returns the running server for <paramref name="options"/>, starting it (and creating its cluster on first
    /// use) when none runs, and creates the PoQ database if missing.
    /// </summary>
    /// <exception cref="PostgresNotInstalledException">The server binaries are not installed.</exception>
    /// <exception cref="InvalidOperationException">initdb or the server failed; the message quotes its output or log.</exception>
    public static async Task<LocalPostgresInstance> EnsureRunningAsync(LocalPostgresOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var paths = new LocalPostgresPaths(options.ResolvePoqHome());
        var commands = new PostgresCommands(await LocateOrInstallAsync(options, ct).ConfigureAwait(false), paths);

        Directory.CreateDirectory(paths.Root);
        using var fileLock = await AcquireLockAsync(paths.LockFile, options.StartTimeout, ct).ConfigureAwait(false);
        var notes = await commands.PrepareDirectoriesAsync(ct).ConfigureAwait(false);

        if (!paths.IsInitialized)
        {
            var init = await commands.InitDbAsync(sync: options.Fsync, ct).ConfigureAwait(false);
            if (init.ExitCode != 0)
            {
                throw new InvalidOperationException($"initdb failed for {paths.DataDirectory}: {init.Describe()}");
            }
        }

        var startedNow = false;
        var port = await RunningPortAsync(commands, paths, ct).ConfigureAwait(false);
        if (port is null)
        {
            port = await StartAsync(commands, paths, options, ct).ConfigureAwait(false);
            startedNow = true;
        }

        await File.WriteAllTextAsync(paths.PortFile, port.Value.ToString(CultureInfo.InvariantCulture) + "\n", ct).ConfigureAwait(false);
        await WaitUntilAcceptingAsync(ServerConnectionString(port.Value, "postgres"), options.StartTimeout, paths, ct).ConfigureAwait(false);
        await CreateDatabaseIfMissingAsync(port.Value, options.Database, ct).ConfigureAwait(false);
        return Describe(paths, commands, port.Value, options.Database, startedNow, notes);
    }

    // The binaries; when none are found and the caller allows it, installed from the distribution's packages first.
    private static async Task<string> LocateOrInstallAsync(LocalPostgresOptions options, CancellationToken ct)
    {
        try
        {
            return await PostgresBinaries.LocateAsync(options.BinDirectory, ct).ConfigureAwait(false);
        }
        catch (PostgresNotInstalledException missing) when (options.InstallBinaries is { } say && options.BinDirectory is null)
        {
            await PostgresProvisioning.InstallAsync(missing, say, ct).ConfigureAwait(false);
            return await PostgresBinaries.LocateAsync(null, ct).ConfigureAwait(false);
        }
    }

    /// <summary>The running server for <paramref name="options"/>, or null when none runs; never starts one (for <c>poq status</c>).</summary>
    public static async Task<LocalPostgresInstance?> TryGetRunningAsync(LocalPostgresOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var paths = new LocalPostgresPaths(options.ResolvePoqHome());
        if (!paths.IsInitialized)
        {
            return null;
        }

        var commands = new PostgresCommands(await PostgresBinaries.LocateAsync(options.BinDirectory, ct).ConfigureAwait(false), paths);
        var port = await RunningPortAsync(commands, paths, ct).ConfigureAwait(false);
        return port is null ? null : Describe(paths, commands, port.Value, options.Database, startedNow: false, []);
    }

    /// <summary>Stops the server for <paramref name="options"/> (fast shutdown); a no-op when none runs.</summary>
    public static Task StopAsync(LocalPostgresOptions options, CancellationToken ct) => StopAsync(options, PostgresShutdown.Fast, ct);

    /// <summary>
    /// Stops the server for <paramref name="options"/> in <paramref name="mode"/>: <see cref="PostgresShutdown.Fast"/> ends
    /// sessions with 57P01; <see cref="PostgresShutdown.Immediate"/> is a crash (WAL recovery at the next start). A no-op
    /// when none runs.
    /// </summary>
    public static async Task StopAsync(LocalPostgresOptions options, PostgresShutdown mode, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        var paths = new LocalPostgresPaths(options.ResolvePoqHome());
        if (!paths.IsInitialized)
        {
            return;
        }

        var commands = new PostgresCommands(await PostgresBinaries.LocateAsync(options.BinDirectory, ct).ConfigureAwait(false), paths);
        NpgsqlConnection.ClearAllPools();
        if ((await commands.StatusAsync(ct).ConfigureAwait(false)).ExitCode != 0)
        {
            return;
        }

        var stop = await commands.StopAsync(mode == PostgresShutdown.Immediate ? "immediate" : "fast", ct).ConfigureAwait(false);
        if (stop.ExitCode != 0)
        {
            throw new InvalidOperationException($"pg_ctl stop failed for {paths.DataDirectory}: {stop.Describe()}");
        }
    }

    private static LocalPostgresInstance Describe(LocalPostgresPaths paths, PostgresCommands commands, int port, string database, bool startedNow, IReadOnlyList<string> notes) =>
        new(ServerConnectionString(port, database), IPAddress.Loopback.ToString(), port, ReadPidFileLine(paths, 0) ?? 0,
            paths.DataDirectory, paths.LogFile, commands.BinDirectory, startedNow, notes);

    /// <summary>The port of the server running on the data directory, or null when none runs.</summary>
    private static async Task<int?> RunningPortAsync(PostgresCommands commands, LocalPostgresPaths paths, CancellationToken ct)
    {
        var status = await commands.StatusAsync(ct).ConfigureAwait(false);
        // postmaster.pid: line 1 pid, line 4 port (PostgreSQL's storage/pg_ctl layout).
        return status.ExitCode == 0 ? ReadPidFileLine(paths, 3) : null;
    }

    private static async Task<int> StartAsync(PostgresCommands commands, LocalPostgresPaths paths, LocalPostgresOptions options, CancellationToken ct)
    {
        var firstCandidate = ReadRecordedPort(paths) ?? options.Port;
        var failures = new List<string>();
        for (var attempt = 0; attempt < StartAttempts; attempt++)
        {
            var port = FirstFreePort(firstCandidate, options.Port);
            var start = await commands.StartAsync(port, options.Fsync, options.StartTimeout, ct).ConfigureAwait(false);
            if (start.ExitCode == 0)
            {
                return port;
            }

            var log = Tail(paths.LogFile);
            failures.Add($"port {port}: {start.Describe()} {log}".Trim());
            if (!log.Contains("could not bind", StringComparison.Ordinal) && !log.Contains("already in use", StringComparison.Ordinal))
            {
                break;
            }

            firstCandidate = port + 1;
        }

        throw new InvalidOperationException(
            $"The local PostgreSQL in {paths.DataDirectory} did not start (log: {paths.LogFile}): {string.Join(" | ", failures)}");
    }

    /// <summary>The recorded port if it is free, else the first free port from <paramref name="fallbackStart"/> upward.</summary>
    private static int FirstFreePort(int preferred, int fallbackStart)
    {
        if (IsFree(preferred))
        {
            return preferred;
        }

        for (var port = Math.Max(fallbackStart, preferred); port <= 65535; port++)
        {
            if (IsFree(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"No free TCP port on 127.0.0.1 from {fallbackStart} upward.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static async Task WaitUntilAcceptingAsync(string connectionString, TimeSpan timeout, LocalPostgresPaths paths, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        Exception? last = null;
        while (!deadline.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(deadline.Token).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or OperationCanceledException or SocketException)
            {
                ct.ThrowIfCancellationRequested();
                last = ex;
                await Task.Delay(LockRetry, CancellationToken.None).ConfigureAwait(false);
            }
        }

        throw new InvalidOperationException($"The local PostgreSQL did not accept connections within {timeout} (log: {paths.LogFile}).", last);
    }

    private static async Task CreateDatabaseIfMissingAsync(int port, string database, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(ServerConnectionString(port, "postgres"));
        await connection.OpenAsync(ct).ConfigureAwait(false);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection);
        exists.Parameters.Add(new NpgsqlParameter { Value = database });
        if (await exists.ExecuteScalarAsync(ct).ConfigureAwait(false) is not null)
        {
            return;
        }

        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
        try
        {
            await create.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // Created concurrently by a client outside the lock: that is the state we wanted.
        }
    }

    /// <summary>Connection string to the server on loopback; trust authentication, so no password.</summary>
    private static string ServerConnectionString(int port, string database) => new NpgsqlConnectionStringBuilder
    {
        Host = IPAddress.Loopback.ToString(),
        Port = port,
        Username = "postgres",
        Database = database,
    }.ConnectionString;

    private static int? ReadRecordedPort(LocalPostgresPaths paths) =>
        File.Exists(paths.PortFile) && int.TryParse(File.ReadAllText(paths.PortFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            ? port
            : null;

    private static int? ReadPidFileLine(LocalPostgresPaths paths, int index)
    {
        try
        {
            var lines = File.ReadAllLines(paths.PidFile);
            return lines.Length > index && int.TryParse(lines[index].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string Tail(string file)
    {
        try
        {
            return File.Exists(file) ? string.Join(" / ", File.ReadLines(file).TakeLast(5)) : string.Empty;
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }

    private static async Task<FileStream> AcquireLockAsync(string lockFile, TimeSpan timeout, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        while (true)
        {
            try
            {
                // FileShare.None takes an exclusive advisory lock (flock) on Unix: one manager per PoQ home at a time.
                return new FileStream(lockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (!deadline.IsCancellationRequested)
            {
                await Task.Delay(LockRetry, deadline.Token).ConfigureAwait(false);
            }
        }
    }
}

using System.Globalization;
using System.Text;

namespace PoQ.Hosting.Postgres;

/// <summary>
/// Runs initdb and pg_ctl for one data directory. PostgreSQL refuses to run as root, so when this
/// process is root every command runs as the <c>postgres</c> user through <c>runuser</c>
/// (environment.md, "PostgreSQL") and the server's directories are handed to that user.
/// </summary>
internal sealed class PostgresCommands(string binDirectory, LocalPostgresPaths paths)
{
    private const string ServiceUser = "postgres";

    public static bool RunningAsRoot => Environment.IsPrivilegedProcess;

    public string BinDirectory { get; } = binDirectory;

    public Task<ProcessResult> InitDbAsync(bool sync, CancellationToken ct)
    {
        List<string> args = ["-D", paths.DataDirectory, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C", "--no-instructions"];
        if (!sync)
        {
            args.Add("--no-sync");
        }

        return RunAsync("initdb", args, ct);
    }

    /// <summary><c>pg_ctl status</c>: exit 0 when a server runs on the data directory, 3 when none does.</summary>
    public Task<ProcessResult> StatusAsync(CancellationToken ct) => RunAsync("pg_ctl", ["status", "-D", paths.DataDirectory], ct);

    public Task<ProcessResult> StartAsync(int port, bool fsync, TimeSpan timeout, CancellationToken ct)
    {
        // pg_ctl hands -o to /bin/sh, so every value is shell-quoted.
        var serverOptions = new StringBuilder()
            .Append("-c listen_addresses=127.0.0.1 -p ").Append(port.ToString(CultureInfo.InvariantCulture))
            .Append(" -c unix_socket_directories=").Append(ShellQuote(SocketDirectoryFor(port)));
        if (!fsync)
        {
            // Tests and benchmarks only: https://www.postgresql.org/docs/current/non-durability.html
            serverOptions.Append(" -c fsync=off -c synchronous_commit=off -c full_page_writes=off");
        }

        var seconds = Math.Max(1, (int)Math.Ceiling(timeout.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return RunAsync("pg_ctl", ["start", "-D", paths.DataDirectory, "-l", paths.LogFile, "-w", "-t", seconds, "-s", "-o", serverOptions.ToString()], ct);
    }

    public Task<ProcessResult> StopAsync(CancellationToken ct) => StopAsync("fast", ct);

    /// <summary>pg_ctl stop with a shutdown mode: smart, fast (sessions terminated: 57P01) or immediate (a crash: recovery at the next start).</summary>
    public Task<ProcessResult> StopAsync(string mode, CancellationToken ct) => RunAsync("pg_ctl", ["stop", "-D", paths.DataDirectory, "-m", mode, "-w", "-s"], ct);

    /// <summary>
    /// Creates the server's directories; as root, hands them to the postgres user and makes sure that user
    /// can reach them (a home such as /root is mode 700: its ancestors get search permission, o+x, nothing more).
    /// Returns notes on anything changed outside PoQ's own directories.
    /// </summary>
    public async Task<IReadOnlyList<string>> PrepareDirectoriesAsync(CancellationToken ct)
    {
        Directory.CreateDirectory(paths.Root);
        Directory.CreateDirectory(paths.SocketDirectory);
        var notes = new List<string>();
        if (!RunningAsRoot || OperatingSystem.IsWindows())
        {
            return notes;
        }

        for (var dir = Path.GetDirectoryName(paths.Root); !string.IsNullOrEmpty(dir); dir = Path.GetDirectoryName(dir))
        {
            var mode = File.GetUnixFileMode(dir);
            if ((mode & UnixFileMode.OtherExecute) == 0)
            {
                File.SetUnixFileMode(dir, mode | UnixFileMode.OtherExecute);
                notes.Add($"granted search permission (o+x) on {dir} so the '{ServiceUser}' user can reach {paths.Root}");
            }
        }

        // Recursive only before the first initdb: afterwards the data directory is the server's own, and may be large.
        string[] chownArgs = paths.IsInitialized
            ? [$"{ServiceUser}:{ServiceUser}", paths.Root, paths.SocketDirectory]
            : ["-R", $"{ServiceUser}:{ServiceUser}", paths.Root];
        var chown = await ProcessRunner.RunAsync("chown", chownArgs, null, ct).ConfigureAwait(false);
        if (chown.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"Running as root, the local PostgreSQL must run as the '{ServiceUser}' user, but {paths.Root} could not be handed to it: {chown.Describe()}. " +
                $"Create the user (Debian's postgresql package does) or run poq as a non-root user.");
        }

        return notes;
    }

    /// <summary>Unix socket paths are limited to 107 bytes; beyond that the server listens on TCP only.</summary>
    private string SocketDirectoryFor(int port)
    {
        var socketPath = Path.Combine(paths.SocketDirectory, ".s.PGSQL." + port.ToString(CultureInfo.InvariantCulture));
        return Encoding.UTF8.GetByteCount(socketPath) <= 100 ? paths.SocketDirectory : string.Empty;
    }

    // The postgres user may not be able to enter the caller's working directory; its own root it can.
    private string? WorkingDirectory => Directory.Exists(paths.Root) ? paths.Root : null;

    private static string ShellQuote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private Task<ProcessResult> RunAsync(string tool, IReadOnlyList<string> args, CancellationToken ct)
    {
        var executable = Path.Combine(BinDirectory, tool);
        if (!RunningAsRoot)
        {
            return ProcessRunner.RunAsync(executable, args, WorkingDirectory, ct);
        }

        var runuser = File.Exists("/usr/sbin/runuser") ? "/usr/sbin/runuser" : PostgresBinaries.FindOnPath("runuser") ?? "runuser";
        return ProcessRunner.RunAsync(runuser, ["-u", ServiceUser, "--", executable, .. args], WorkingDirectory, ct);
    }
}

using System.Globalization;

namespace PoQ.Hosting.Postgres;

/// <summary>Finds the directory holding the PostgreSQL server binaries.</summary>
internal static class PostgresBinaries
{
    private static readonly string[] Required = ["initdb", "pg_ctl", "postgres"];

    /// <summary>
    /// Order: the explicit override, <c>$POQ_PG_BINDIR</c>, <c>pg_config --bindir</c>, <c>/usr/lib/postgresql/*/bin</c>
    /// (newest major first), then every PATH entry. The first directory holding all of initdb, pg_ctl and postgres wins.
    /// </summary>
    public static async Task<string> LocateAsync(string? overrideDirectory, CancellationToken ct)
    {
        var searched = new List<string>();
        if (overrideDirectory is not null)
        {
            // An explicit choice is not second-guessed: if it is wrong, say so rather than silently use another.
            return IsComplete(overrideDirectory) ? Path.GetFullPath(overrideDirectory) : throw new PostgresNotInstalledException([overrideDirectory]);
        }

        foreach (var candidate in await CandidatesAsync(ct).ConfigureAwait(false))
        {
            searched.Add(candidate);
            if (IsComplete(candidate))
            {
                return Path.GetFullPath(candidate);
            }
        }

        throw new PostgresNotInstalledException(searched.Distinct(StringComparer.Ordinal).ToList());
    }

    private static async Task<List<string>> CandidatesAsync(CancellationToken ct)
    {
        var candidates = new List<string>();
        var fromEnvironment = Environment.GetEnvironmentVariable("POQ_PG_BINDIR");
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            candidates.Add(fromEnvironment);
        }

        var pgConfig = FindOnPath("pg_config");
        if (pgConfig is not null)
        {
            try
            {
                var result = await ProcessRunner.RunAsync(pgConfig, ["--bindir"], null, ct).ConfigureAwait(false);
                if (result.ExitCode == 0 && !string.IsNullOrWhiteSpace(result.StandardOutput))
                {
                    candidates.Add(result.StandardOutput.Trim());
                }
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // pg_config present but not runnable: fall through to the other places.
            }
        }

        const string debianRoot = "/usr/lib/postgresql";
        if (Directory.Exists(debianRoot))
        {
            candidates.AddRange(Directory.GetDirectories(debianRoot)
                .Select(dir => (dir, major: int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : -1))
                .OrderByDescending(x => x.major)
                .Select(x => Path.Combine(x.dir, "bin")));
        }

        candidates.AddRange(PathEntries());
        return candidates;
    }

    private static bool IsComplete(string directory) => Required.All(name => File.Exists(Path.Combine(directory, name)));

    private static IEnumerable<string> PathEntries() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Full path of an executable on PATH, or null.</summary>
    public static string? FindOnPath(string name) =>
        PathEntries().Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);
}

namespace PoQ.Evaluators;

/// <summary>
/// Finds the shared evaluation data (shared/data) without copying it into the repository: the repo lives at
/// /work/main with the data at /work/shared/data, and CI clones the repo elsewhere with shared/ beside it.
/// </summary>
public static class DataDirectory
{
    public const string EnvironmentVariable = "POQ_DATA";

    /// <summary>
    /// The data directory: <paramref name="explicitPath"/> (CLI <c>--data</c>) if given, else $POQ_DATA, else the
    /// first <c>shared/data</c> beside an ancestor of the current directory or of <see cref="AppContext.BaseDirectory"/>.
    /// An explicit path or $POQ_DATA that does not exist yields null (no silent fallback to another place).
    /// </summary>
    /// <returns>The full path, or null when not found (callers fall back to synthetic data).</returns>
    public static string? Resolve(string? explicitPath)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            return Directory.Exists(explicitPath) ? Path.GetFullPath(explicitPath) : null;
        }

        var fromEnv = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnv))
        {
            return Directory.Exists(fromEnv) ? Path.GetFullPath(fromEnv) : null;
        }

        foreach (var start in SearchRoots())
        {
            var found = SearchUpward(start);
            if (found is not null)
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>Where <see cref="Resolve"/> looks, for error messages ("looked in …").</summary>
    public static string DescribeSearch(string? explicitPath)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            return $"explicit path {explicitPath}";
        }

        var fromEnv = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnv))
        {
            return $"${EnvironmentVariable}={fromEnv}";
        }

        return $"${EnvironmentVariable} unset; shared/data beside every ancestor of "
               + string.Join(" and of ", SearchRoots());
    }

    private static IEnumerable<string> SearchRoots() =>
        new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory }.Distinct(StringComparer.Ordinal);

    private static string? SearchUpward(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}

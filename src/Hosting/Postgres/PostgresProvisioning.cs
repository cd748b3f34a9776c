namespace PoQ.Hosting.Postgres;

/// <summary>
/// Installs the PostgreSQL server binaries from the distribution's packages when none are found, so a bare machine's
/// first <c>poq demo</c> needs no set-up: only as root (a package manager needs it) and only with apt (this product's
/// machines are Debian). The plan is decided purely from the machine's facts, so it is tested without installing.
/// </summary>
public static class PostgresProvisioning
{
    /// <summary>The package that brings initdb, pg_ctl and postgres (Debian bookworm: PostgreSQL 15).</summary>
    public const string Package = "postgresql";

    /// <summary>Where apt-get lives on Debian.</summary>
    public const string AptGet = "/usr/bin/apt-get";

    /// <summary>
    /// The commands that install the binaries, in order, each run only if the one before failed (the package index of a
    /// fresh machine may be empty); or the reason nothing can be installed here.
    /// </summary>
    public static (IReadOnlyList<string[]> Attempts, string? Refusal) Plan(bool isRoot, bool hasAptGet)
    {
        if (!hasAptGet)
        {
            return ([], "apt-get is not available to install it");
        }

        if (!isRoot)
        {
            return ([], "installing packages needs root (run as root once, or: sudo apt-get install postgresql)");
        }

        return ([["install", "-y", "-q", Package], ["update", "-q"], ["install", "-y", "-q", Package]], null);
    }

    /// <summary>
    /// Installs the package as <see cref="Plan"/> says, reporting one line through <paramref name="say"/> first; throws
    /// <see cref="PostgresNotInstalledException"/> (its message ending with why) when it cannot or apt-get fails.
    /// </summary>
    public static async Task InstallAsync(PostgresNotInstalledException missing, Action<string> say, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(missing);
        ArgumentNullException.ThrowIfNull(say);
        var (attempts, refusal) = Plan(Environment.IsPrivilegedProcess, File.Exists(AptGet));
        if (refusal is not null)
        {
            throw new PostgresNotInstalledException($"{missing.Message} It was not installed automatically: {refusal}.", missing);
        }

        say($"PostgreSQL is not installed: installing Debian's '{Package}' package with apt-get (once; a minute or two)…");
        ProcessResult last = default;
        for (int i = 0; i < attempts.Count; i++)
        {
            // "update" runs only after a failed install; the final install only after an update.
            last = await ProcessRunner.RunAsync(AptGet, attempts[i], null, ct, Noninteractive).ConfigureAwait(false);
            bool isInstall = attempts[i][0] == "install";
            if (isInstall && last.ExitCode == 0)
            {
                return;
            }

            if (!isInstall && last.ExitCode != 0)
            {
                break;
            }
        }

        throw new PostgresNotInstalledException($"{missing.Message} apt-get could not install '{Package}': {Tail(last.Describe())}", missing);
    }

    private static readonly IReadOnlyDictionary<string, string> Noninteractive = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["DEBIAN_FRONTEND"] = "noninteractive",
    };

    private static string Tail(string output) =>
        string.Join(" / ", output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(3));
}

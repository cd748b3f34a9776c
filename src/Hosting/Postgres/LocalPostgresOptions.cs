namespace PoQ.Hosting.Postgres;

/// <summary>
/// Where and how <see cref="LocalPostgres"/> runs the local PostgreSQL server that <c>poq run</c> and
/// <c>poq status</c> share. Every property has a documented default; <see cref="Validate"/> reports all
/// configuration errors at once.
/// </summary>
public sealed class LocalPostgresOptions
{
    /// <summary>The first port tried when no instance is running (54329: next to 5432, unlikely to be taken).</summary>
    public const int DefaultPort = 54329;

    /// <summary>
    /// PoQ's state directory. Default: <c>$POQ_HOME</c>, else <c>~/.poq</c>. The server's files live under
    /// <c>{PoqHome}/postgres/</c>: <c>data/</c>, <c>run/</c> (socket), <c>port</c>, <c>postgres.log</c>.
    /// </summary>
    public string? PoqHome { get; init; }

    /// <summary>
    /// Directory holding <c>initdb</c>, <c>pg_ctl</c> and <c>postgres</c>. Default: found from
    /// <c>$POQ_PG_BINDIR</c>, <c>pg_config --bindir</c>, <c>/usr/lib/postgresql/*/bin</c> (newest first), then PATH.
    /// </summary>
    public string? BinDirectory { get; init; }

    /// <summary>First port tried on 127.0.0.1 (default <see cref="DefaultPort"/>); the first free one from here is used and recorded.</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>
    /// Whether the server flushes to disk (default <c>true</c>: durability is the product's promise).
    /// Turn off only for tests and benchmarks. Applies when this call starts the server, not to a reused one.
    /// </summary>
    public bool Fsync { get; init; } = true;

    /// <summary>Database created if missing and named in the returned connection string (default <c>poq</c>).</summary>
    public string Database { get; init; } = "poq";

    /// <summary>
    /// When set and no binaries are found (and no <see cref="BinDirectory"/> was named), they are installed from the
    /// distribution's packages (<see cref="PostgresProvisioning"/>), and this receives the one line saying so. Default
    /// null: a library never installs packages unless its caller asks (the CLI does, for a bare machine's first run).
    /// </summary>
    public Action<string>? InstallBinaries { get; init; }

    /// <summary>How long to wait for the server to accept connections (default 60 s).</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The state directory this configuration resolves to (<see cref="PoqHome"/> or its default).</summary>
    public string ResolvePoqHome()
    {
        if (!string.IsNullOrWhiteSpace(PoqHome))
        {
            return Path.GetFullPath(PoqHome);
        }

        var fromEnvironment = Environment.GetEnvironmentVariable("POQ_HOME");
        return !string.IsNullOrWhiteSpace(fromEnvironment)
            ? Path.GetFullPath(fromEnvironment)
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".poq");
    }

    /// <summary>Throws <see cref="ArgumentException"/> listing every invalid setting.</summary>
    public void Validate()
    {
        var errors = new List<string>();
        if (Port is < 1024 or > 65535)
        {
            errors.Add($"Port must be in 1024..65535 (was {Port}).");
        }

        if (string.IsNullOrWhiteSpace(Database) || Database.Length > 63)
        {
            errors.Add("Database must be a non-empty name of at most 63 characters.");
        }

        if (StartTimeout <= TimeSpan.Zero)
        {
            errors.Add($"StartTimeout must be positive (was {StartTimeout}).");
        }

        if (BinDirectory is not null && string.IsNullOrWhiteSpace(BinDirectory))
        {
            errors.Add("BinDirectory, when given, must not be blank.");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid LocalPostgresOptions: " + string.Join(" ", errors));
        }
    }
}

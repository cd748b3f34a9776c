namespace PoQ.Hosting.Postgres;

/// <summary>The files of one local server under <c>{PoqHome}/postgres/</c>.</summary>
internal sealed record LocalPostgresPaths(string PoqHome)
{
    public string Root => Path.Combine(PoqHome, "postgres");

    public string DataDirectory => Path.Combine(Root, "data");

    /// <summary>Socket directory of its own, so a system PostgreSQL's /var/run/postgresql is never touched.</summary>
    public string SocketDirectory => Path.Combine(Root, "run");

    public string PortFile => Path.Combine(Root, "port");

    public string LogFile => Path.Combine(Root, "postgres.log");

    public string LockFile => Path.Combine(Root, ".lock");

    public string PidFile => Path.Combine(DataDirectory, "postmaster.pid");

    public bool IsInitialized => File.Exists(Path.Combine(DataDirectory, "PG_VERSION"));
}

namespace PoQ.Hosting.Postgres;

/// <summary>A running local PostgreSQL server, as found or started by <see cref="LocalPostgres.EnsureRunningAsync"/>.</summary>
/// <param name="ConnectionString">Npgsql connection string to the PoQ database (Host=127.0.0.1, trust authentication).</param>
/// <param name="Host">Always 127.0.0.1: the server listens on loopback only.</param>
/// <param name="Port">TCP port, also recorded in <c>{PoqHome}/postgres/port</c>.</param>
/// <param name="ProcessId">Process id of the postmaster.</param>
/// <param name="DataDirectory">The cluster's data directory.</param>
/// <param name="LogFile">The server's log file.</param>
/// <param name="BinDirectory">Where the binaries that manage it were found.</param>
/// <param name="StartedNow">True when this call started the server, false when a running one was reused.</param>
/// <param name="Notes">Changes made outside PoQ's own directories (e.g. search permission granted on a parent directory when running as root).</param>
public sealed record LocalPostgresInstance(
    string ConnectionString,
    string Host,
    int Port,
    int ProcessId,
    string DataDirectory,
    string LogFile,
    string BinDirectory,
    bool StartedNow,
    IReadOnlyList<string> Notes);

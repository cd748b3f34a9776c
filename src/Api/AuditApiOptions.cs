
using PoQ.Projections.Queries;

namespace PoQ.Api;

/// <summary>How the audit API is hosted. Validated by <see cref="AuditApi.Build"/>.</summary>
public sealed class AuditApiOptions
{
    /// <summary>Default port of <c>poq serve</c>.</summary>
    public const int DefaultPort = 5080;

    /// <summary>Connection string of the event store (required).</summary>
    public string ConnectionString { get; init; } = "";

    /// <summary>Loopback port; 0 picks a free one (tests). Default 5080.</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>Replay scenarios; default none (<see cref="NoScenarioCatalog"/>); <c>poq serve</c> passes the stored ones.</summary>
    public IScenarioCatalog Scenarios { get; init; } = new NoScenarioCatalog();

    /// <summary>Every problem with these options.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            problems.Add("a connection string is required");
        }

        if (Port is < 0 or > 65_535)
        {
            problems.Add($"port {Port}: must be within [1, 65535] (0 picks a free port)");
        }

        return problems;
    }
}

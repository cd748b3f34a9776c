namespace PoQ.Hosting.Postgres;

/// <summary>The PostgreSQL server binaries (<c>initdb</c>, <c>pg_ctl</c>, <c>postgres</c>) were not found.</summary>
public sealed class PostgresNotInstalledException : Exception
{
    /// <summary>The installation hint every message ends with.</summary>
    public const string InstallHint = "install PostgreSQL 15+ (Debian: apt-get install postgresql), or pass the directory holding initdb and pg_ctl.";

    /// <summary>Creates the exception with the places that were searched.</summary>
    public PostgresNotInstalledException(IReadOnlyList<string> searched)
        : base($"PostgreSQL server binaries (initdb, pg_ctl, postgres) not found; looked in: {string.Join(", ", searched)}. To use the local PostgreSQL, {InstallHint}")
    {
        Searched = searched;
    }

    /// <summary>Creates the exception with a message.</summary>
    public PostgresNotInstalledException()
        : this([])
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public PostgresNotInstalledException(string message)
        : base(message)
    {
        Searched = [];
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public PostgresNotInstalledException(string message, Exception innerException)
        : base(message, innerException)
    {
        Searched = [];
    }

    /// <summary>Directories that were searched, in order.</summary>
    public IReadOnlyList<string> Searched { get; }
}

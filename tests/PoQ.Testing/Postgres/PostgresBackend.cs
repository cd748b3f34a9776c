namespace PoQ.Testing.Postgres;

/// <summary>Which PostgreSQL a <see cref="PostgresFixture"/> ended up using.</summary>
public enum PostgresBackend
{
    /// <summary>A container from the locally built <c>poq-postgres:15</c> image, through Testcontainers (CI's only choice).</summary>
    Testcontainers,

    /// <summary>A server from the system's binaries in a temporary PoQ home (developer machines without Docker).</summary>
    LocalBinaries,
}

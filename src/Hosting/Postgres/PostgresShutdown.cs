namespace PoQ.Hosting.Postgres;

/// <summary>How <c>pg_ctl stop</c> ends the server.</summary>
public enum PostgresShutdown
{
    /// <summary>Sessions are terminated (SQLSTATE 57P01), a checkpoint is written: an administrator's restart.</summary>
    Fast,

    /// <summary>Every process quits at once, no checkpoint: a crash; the next start replays the WAL.</summary>
    Immediate,
}

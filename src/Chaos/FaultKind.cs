namespace PoQ.Chaos;

/// <summary>What goes wrong around a running pipeline.</summary>
public enum FaultKind
{
    /// <summary><c>pg_ctl stop -m fast</c> (sessions end with 57P01), then start again after the outage.</summary>
    PostgresFastShutdown,

    /// <summary><c>pg_ctl stop -m immediate</c> (a crash: WAL recovery at start), then start again.</summary>
    PostgresCrash,

    /// <summary>Every broker of the mock cluster down (connections dropped and refused), then up.</summary>
    BrokerDown,

    /// <summary>An exclusive lock on the checkpoint table every commit writes, held for the outage.</summary>
    CommitStall,
}

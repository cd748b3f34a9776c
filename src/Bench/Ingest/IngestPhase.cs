namespace PoQ.Bench.Ingest;

/// <summary>The phases of an ingest run, in order.</summary>
public enum IngestPhase
{
    /// <summary>Publishing the seeded scenario (not part of the pipeline's rate).</summary>
    Publish,

    /// <summary>The real pipeline from offset 0 until every task is committed.</summary>
    Pipeline,

    /// <summary>The same run into a PostgreSQL that syncs every commit to disk.</summary>
    FsyncOn,

    /// <summary>A fresh scenario published at a steady rate while the pipeline runs: settle latency.</summary>
    Latency,

    /// <summary>Baseline 1: a plain consumer reads both input topics, no processing.</summary>
    Consume,

    /// <summary>Baseline 2: binary COPY of the rows the pipeline commits.</summary>
    Copy,
}

/// <summary>Progress of one phase.</summary>
/// <param name="Phase">The phase.</param>
/// <param name="Done">Units done (messages, rows or tasks).</param>
/// <param name="Total">Units in the phase.</param>
public readonly record struct IngestProgress(IngestPhase Phase, long Done, long Total);

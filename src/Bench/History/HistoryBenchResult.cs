namespace PoQ.Bench.History;

/// <summary>The figures of one history size.</summary>
/// <param name="Tasks">Tasks in the history.</param>
/// <param name="Scores">Accepted scores in them.</param>
/// <param name="Built">True when this run built the history (false: an existing store of this size was reused).</param>
/// <param name="BuildTasksPerSecond">Commit-path rate of the build (NaN when reused).</param>
/// <param name="ReplayScoresPerMinute">Full replay under the recorded rule (read, settle, write the scenario), as <c>poq replay</c> measures it.</param>
/// <param name="VerifyTasksPerSecond">Full <c>poq audit verify --all</c>.</param>
/// <param name="QueryP99Ms">The largest of the three auditor queries' p99 latencies.</param>
/// <param name="QueryP99MsByQuery">Each query's p99, ms.</param>
/// <param name="ReplayPeakRssMib">Peak resident set of the replay process.</param>
/// <param name="VerifyPeakRssMib">Peak resident set of the verify process.</param>
/// <param name="VerifyClean">True when verify reproduced every value.</param>
public sealed record HistoryBenchResult(
    long Tasks,
    long Scores,
    bool Built,
    double BuildTasksPerSecond,
    double ReplayScoresPerMinute,
    double VerifyTasksPerSecond,
    double QueryP99Ms,
    IReadOnlyDictionary<string, double> QueryP99MsByQuery,
    double ReplayPeakRssMib,
    double VerifyPeakRssMib,
    bool VerifyClean);

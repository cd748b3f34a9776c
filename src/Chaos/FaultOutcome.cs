namespace PoQ.Chaos;

/// <summary>What one run of one fault did to the store, compared with the clean run of the same log.</summary>
/// <param name="Fault">The fault.</param>
/// <param name="Survived">The pipeline stayed up through the fault (a SIGKILLed one: its successor drained the log) and stopped cleanly on SIGTERM.</param>
/// <param name="Lost">Tasks and dead letters the clean run recorded that this run did not.</param>
/// <param name="Duplicates">Task ids recorded more than once.</param>
/// <param name="DigestEqual">The store's digest equals the clean run's.</param>
/// <param name="VerifyClean">Every recorded settlement re-derives exactly (<c>poq audit verify</c>).</param>
/// <param name="Seconds">Wall time of the run.</param>
/// <param name="Notes">What happened, for a failing run's report.</param>
public sealed record FaultOutcome(Fault Fault, bool Survived, long Lost, long Duplicates, bool DigestEqual, bool VerifyClean, double Seconds, string Notes)
{
    /// <summary>The pipeline's resident memory when the fault struck (MiB).</summary>
    public double ResidentMibAtStart { get; init; } = double.NaN;

    /// <summary>The same process's resident memory as the fault ended (MiB; NaN when it was killed during the fault).</summary>
    public double ResidentMibAtEnd { get; init; } = double.NaN;

    /// <summary>Everything held.</summary>
    public bool Passed => Survived && Lost == 0 && Duplicates == 0 && DigestEqual && VerifyClean;
}

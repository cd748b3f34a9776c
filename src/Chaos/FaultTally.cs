namespace PoQ.Chaos;

/// <summary>One fault over every run of a soak (<c>poq chaos</c>'s JSON: name, runs, survived, lost, duplicates, digest_equal).</summary>
/// <param name="Name">The fault.</param>
/// <param name="Runs">Runs made.</param>
/// <param name="Survived">Runs the pipeline survived.</param>
/// <param name="Lost">Records lost over all runs.</param>
/// <param name="Duplicates">Task ids recorded twice over all runs.</param>
/// <param name="DigestEqual">Runs whose digest equalled the clean run's.</param>
/// <param name="VerifyClean">Runs whose store verified clean.</param>
public sealed record FaultTally(string Name, int Runs, int Survived, long Lost, long Duplicates, int DigestEqual, int VerifyClean)
{
    /// <summary>Every run held.</summary>
    public bool AllHeld => Survived == Runs && Lost == 0 && Duplicates == 0 && DigestEqual == Runs && VerifyClean == Runs;

    /// <summary>Tallies the outcomes of one fault.</summary>
    public static FaultTally Of(string name, IReadOnlyCollection<FaultOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        return new FaultTally(
            name,
            outcomes.Count,
            outcomes.Count(o => o.Survived),
            outcomes.Sum(o => o.Lost),
            outcomes.Sum(o => o.Duplicates),
            outcomes.Count(o => o.DigestEqual),
            outcomes.Count(o => o.VerifyClean));
    }
}

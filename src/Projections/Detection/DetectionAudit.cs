namespace PoQ.Projections.Detection;

/// <summary>
/// A recorded detection run as audit output shows it (<c>poq audit detect --json</c>; snake_case through <c>AuditJson</c>):
/// what it covered, the populations and baselines it judged against, and its flags.
/// </summary>
public sealed record DetectionAudit
{
    /// <summary>The run's stream id (<see cref="DetectionIds.Stream"/>).</summary>
    public required string Run { get; init; }

    /// <summary>True when this call recorded the run; false when the same run (same history digest and options) was already recorded.</summary>
    public required bool Recorded { get; init; }

    /// <summary>Recorded tasks the run read.</summary>
    public required long Tasks { get; init; }

    /// <summary>Accepted scores of settled tasks it counted.</summary>
    public required long Verdicts { get; init; }

    /// <summary>The settlement digest of the history it read (<c>poq audit digest</c>).</summary>
    public required string HistoryDigest { get; init; }

    /// <summary>Earliest close time read.</summary>
    public required DateTimeOffset FirstClosedAt { get; init; }

    /// <summary>Latest close time read.</summary>
    public required DateTimeOffset LastClosedAt { get; init; }

    /// <summary>Pairs tested for collusion.</summary>
    public required int PairsTested { get; init; }

    /// <summary>Evaluators tested for copying.</summary>
    public required int EvaluatorsTested { get; init; }

    /// <summary>The honest close-agreement rate per shared task; null when no pair was tested.</summary>
    public required double? AgreementBaseline { get; init; }

    /// <summary>The honest copy rate per task; null when no evaluator was tested.</summary>
    public required double? CopyBaseline { get; init; }

    /// <summary>The detector options.</summary>
    public required IReadOnlyDictionary<string, string> Options { get; init; }

    /// <summary>The flags: collusion first, then copy.</summary>
    public required IReadOnlyList<FlagView> Flags { get; init; }

    /// <summary>The audit view of a run.</summary>
    public static DetectionAudit Of(DetectionRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var done = run.Completed;
        return new DetectionAudit
        {
            Run = done.RunId,
            Recorded = run.Recorded,
            Tasks = done.Coverage.Tasks,
            Verdicts = done.Coverage.Verdicts,
            HistoryDigest = done.Coverage.HistoryDigest,
            FirstClosedAt = done.Coverage.FirstClosedAt,
            LastClosedAt = done.Coverage.LastClosedAt,
            PairsTested = done.PairsTested,
            EvaluatorsTested = done.EvaluatorsTested,
            AgreementBaseline = done.AgreementBaseline,
            CopyBaseline = done.CopyBaseline,
            Options = done.Coverage.Options,
            Flags = [.. run.Flags.Select(FlagView.Of)],
        };
    }
}

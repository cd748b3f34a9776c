namespace PoQ.Projections.Detection;

/// <summary>A recorded detection run as readers see it: its completion record and its flags, in stream order.</summary>
/// <param name="Completed">The run's completion record (what it covered, populations, baselines).</param>
/// <param name="Flags">Its flags: collusion first, then copy, each by first evaluator id (the detector's order).</param>
/// <param name="Recorded">True when this call appended the run; false when it was already in the store.</param>
public sealed record DetectionRun(DetectionCompleted Completed, IReadOnlyList<EvaluatorFlagged> Flags, bool Recorded = false)
{
    /// <summary>Every flagged evaluator (any kind), in ordinal order.</summary>
    public IReadOnlyList<string> FlaggedEvaluators { get; } =
        [.. Flags.SelectMany(f => f.Evaluators).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>The flags naming <paramref name="evaluatorId"/>.</summary>
    public IReadOnlyList<EvaluatorFlagged> FlagsOf(string evaluatorId) =>
        [.. Flags.Where(f => f.Evaluators.Contains(evaluatorId, StringComparer.Ordinal))];
}

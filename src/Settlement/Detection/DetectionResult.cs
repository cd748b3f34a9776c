namespace PoQ.Settlement.Detection;

/// <summary>What <see cref="Detector.Detect"/> found: the flags and the populations they were judged against.</summary>
/// <param name="Flags">Collusion flags first, then copy flags, each ordered by their first evaluator id.</param>
/// <param name="PairsTested">Pairs co-sampled on at least the minimum number of tasks.</param>
/// <param name="EvaluatorsTested">Evaluators with at least the minimum number of tasks after a known consensus.</param>
/// <param name="AgreementBaseline">The honest close-agreement rate per shared task the pairs were tested against.</param>
/// <param name="CopyBaseline">The honest copy rate per task the evaluators were tested against.</param>
public sealed record DetectionResult(IReadOnlyList<DetectionFlag> Flags, int PairsTested, int EvaluatorsTested, double AgreementBaseline, double CopyBaseline)
{
    /// <summary>Every flagged evaluator (any kind), in ordinal order.</summary>
    public IReadOnlyList<string> FlaggedEvaluators { get; } =
        [.. Flags.SelectMany(f => f.Evaluators).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
}

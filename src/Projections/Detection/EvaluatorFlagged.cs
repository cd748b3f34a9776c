using PoQ.Settlement.Detection;

namespace PoQ.Projections.Detection;

/// <summary>
/// A recorded detection flag (issue 10, item 3): a cartel (<c>collusion</c>: the evaluators joined by significant pairs,
/// with each pair's counts) or a copier (<c>copy</c>: one evaluator with its copy counts), the smallest p-value behind it
/// and the Bonferroni threshold it fell below. One event per flag on its run's stream (<see cref="DetectionIds"/>).
/// </summary>
/// <param name="RunId">The detection run's stream id.</param>
/// <param name="Kind"><c>collusion</c> or <c>copy</c>.</param>
/// <param name="Evaluators">The flagged evaluators, in ordinal order.</param>
/// <param name="Statistic">The smallest p-value behind the flag.</param>
/// <param name="Threshold">The threshold it fell to: α over the pairs (×2 tests) or evaluators tested.</param>
/// <param name="Pairs">Collusion: the significant pairs; empty for copy.</param>
/// <param name="Copy">Copy: the evaluator's counts; null for collusion.</param>
/// <param name="Coverage">The history and options the run covered.</param>
public sealed record EvaluatorFlagged(
    string RunId,
    string Kind,
    IReadOnlyList<string> Evaluators,
    double Statistic,
    double Threshold,
    IReadOnlyList<FlaggedPair> Pairs,
    CopyCounts? Copy,
    DetectionCoverage Coverage)
{
    /// <summary>The event of a detector flag.</summary>
    public static EvaluatorFlagged Of(string runId, DetectionFlag flag, DetectionCoverage coverage)
    {
        ArgumentNullException.ThrowIfNull(flag);
        return new EvaluatorFlagged(
            runId,
            flag.Kind,
            flag.Evaluators,
            flag.Statistic,
            flag.Threshold,
            [.. flag.Pairs.Select(FlaggedPair.Of)],
            flag.Copier is null ? null : CopyCounts.Of(flag.Copier),
            coverage);
    }
}

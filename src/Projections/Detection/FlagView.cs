namespace PoQ.Projections.Detection;

/// <summary>
/// A recorded flag as audit output shows it (<c>poq audit detect</c>, <c>poq audit evaluator</c>, the API; snake_case
/// through <c>AuditJson</c>): <c>kind</c>, <c>evaluators</c>, <c>statistic</c>, <c>threshold</c>, <c>pairs</c>, <c>evidence</c>.
/// </summary>
/// <param name="Kind"><c>collusion</c> or <c>copy</c>.</param>
/// <param name="Evaluators">The flagged evaluators, in ordinal order.</param>
/// <param name="Statistic">The smallest p-value behind the flag.</param>
/// <param name="Threshold">The Bonferroni threshold it fell to.</param>
/// <param name="Pairs">Collusion: the significant pairs with their counts; empty for copy.</param>
/// <param name="Evidence">Copy: the evaluator's copy counts and latency; null for collusion (its evidence is its pairs).</param>
public sealed record FlagView(string Kind, IReadOnlyList<string> Evaluators, double Statistic, double Threshold, IReadOnlyList<FlaggedPair> Pairs, CopyCounts? Evidence)
{
    /// <summary>The view of a recorded flag.</summary>
    public static FlagView Of(EvaluatorFlagged flag)
    {
        ArgumentNullException.ThrowIfNull(flag);
        return new FlagView(flag.Kind, flag.Evaluators, flag.Statistic, flag.Threshold, flag.Pairs, flag.Copy);
    }
}

using PoQ.Settlement.Detection;

namespace PoQ.Projections.Detection;

/// <summary>
/// One significant pair of a recorded collusion flag (<see cref="PairEvidence"/> as stored: a correlation that is
/// undefined is null, never NaN, which JSON cannot hold).
/// </summary>
/// <param name="EvaluatorA">The ordinally smaller id.</param>
/// <param name="EvaluatorB">The other.</param>
/// <param name="Tasks">Tasks both scored.</param>
/// <param name="CloseAgreements">Of those, close agreements away from the consensus (not both at one bound).</param>
/// <param name="Baseline">The honest close-agreement rate the pair was tested against.</param>
/// <param name="PValue">The interior test's p-value.</param>
/// <param name="BoundTies">Tasks where both sat at the same bound away from the consensus.</param>
/// <param name="BoundTrials">Tasks where at least one of them did.</param>
/// <param name="BoundPValue">The bound test's p-value (1 when untested).</param>
/// <param name="DeviationCorrelation">Pearson correlation of their deviations from consensus; null when undefined.</param>
public sealed record FlaggedPair(
    string EvaluatorA,
    string EvaluatorB,
    int Tasks,
    int CloseAgreements,
    double Baseline,
    double PValue,
    int BoundTies,
    int BoundTrials,
    double BoundPValue,
    double? DeviationCorrelation)
{
    /// <summary>The stored form of a detector pair.</summary>
    public static FlaggedPair Of(PairEvidence pair)
    {
        ArgumentNullException.ThrowIfNull(pair);
        return new FlaggedPair(
            pair.EvaluatorA,
            pair.EvaluatorB,
            pair.Tasks,
            pair.CloseAgreements,
            pair.Baseline,
            pair.PValue,
            pair.BoundTies,
            pair.BoundTrials,
            pair.BoundPValue,
            double.IsFinite(pair.DeviationCorrelation) ? pair.DeviationCorrelation : null);
    }
}

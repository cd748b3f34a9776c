namespace PoQ.Settlement.Detection;

/// <summary>What two co-sampled evaluators did together: the evidence behind a collusion flag.</summary>
/// <param name="EvaluatorA">The ordinally smaller id.</param>
/// <param name="EvaluatorB">The other.</param>
/// <param name="Tasks">Tasks both scored.</param>
/// <param name="CloseAgreements">Of those, tasks where they agreed within the tolerance, both away from the consensus.</param>
/// <param name="Baseline">The honest rate of such agreements estimated from the population of pairs.</param>
/// <param name="PValue">P(at least <paramref name="CloseAgreements"/> | <paramref name="Tasks"/>, <paramref name="Baseline"/>).</param>
/// <param name="DeviationCorrelation">Pearson correlation of their deviations s − c over the shared tasks (NaN when undefined).</param>
public sealed record PairEvidence(string EvaluatorA, string EvaluatorB, int Tasks, int CloseAgreements, double Baseline, double PValue, double DeviationCorrelation)
{
    /// <summary>Close agreements per shared task.</summary>
    public double Rate => Tasks == 0 ? double.NaN : (double)CloseAgreements / Tasks;
}

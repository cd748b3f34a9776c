namespace PoQ.Settlement.Detection;

/// <summary>What two co-sampled evaluators did together: the evidence behind a collusion flag.</summary>
/// <param name="EvaluatorA">The ordinally smaller id.</param>
/// <param name="EvaluatorB">The other.</param>
/// <param name="Tasks">Tasks both scored.</param>
/// <param name="CloseAgreements">Of those, tasks where they agreed within the tolerance, both away from the consensus, not both at the same bound.</param>
/// <param name="Baseline">The honest rate of such agreements estimated from the population of pairs.</param>
/// <param name="PValue">P(at least <paramref name="CloseAgreements"/> | <paramref name="Tasks"/>, <paramref name="Baseline"/>): the interior test.</param>
/// <param name="DeviationCorrelation">Pearson correlation of their deviations s − c over the shared tasks (NaN when undefined).</param>
public sealed record PairEvidence(string EvaluatorA, string EvaluatorB, int Tasks, int CloseAgreements, double Baseline, double PValue, double DeviationCorrelation)
{
    /// <summary>Tasks where both sat at the same bound (0 or 10), away from the consensus.</summary>
    public int BoundTies { get; init; }

    /// <summary>Tasks where at least one of them sat at a bound away from the consensus.</summary>
    public int BoundTrials { get; init; }

    /// <summary>P(at least <see cref="BoundTies"/> | <see cref="BoundTrials"/>, 1/3): the honest clamp model's bound (1 when untested).</summary>
    public double BoundPValue { get; init; } = 1;

    /// <summary>Close agreements per shared task.</summary>
    public double Rate => Tasks == 0 ? double.NaN : (double)CloseAgreements / Tasks;
}

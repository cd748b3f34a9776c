namespace PoQ.Experiments.Findings;

/// <summary>
/// Thresholds of the findings' criteria (all ours; the papers state none). Stated in report.md. The floor of an
/// inversion is not here but in <see cref="Reliability.CorrelationInversion"/>, because the reliability rows flag
/// inversions with it too and the two must not drift apart.
/// </summary>
public sealed record FindingCriteria
{
    /// <summary>Finding 1: reliability "varies strongly" when max − min Pearson over evaluator × task is at least this.</summary>
    public double MinPearsonSpread { get; init; } = 0.3;

    /// <summary>Finding 2: the k at which rules are compared (falls back to the middle k of the grid).</summary>
    public int ReferenceK { get; init; } = 5;

    /// <summary>Finding 3: per-evaluator reward must drop by at least this relative amount from the smallest to the largest k.</summary>
    public double MinRewardDrop { get; init; } = 0.01;

    /// <summary>
    /// Finding 3: the variance across evaluators of their cumulative payoff must rise by at least this relative amount
    /// from the smallest to the largest k.
    /// </summary>
    public double MinVarianceRise { get; init; } = 0.01;

    /// <summary>Finding 3: inference reward mean may deviate at most this relative amount from its mean over k.</summary>
    public double MaxInferenceDrift { get; init; } = 0.05;

    /// <summary>
    /// Finding 3 is judged in this reward mode, fixed before any run: <c>linear</c>, the papers' cost-aware rewards.
    /// Budget mode splits a fixed budget over the reports, so it lowers the per-evaluator reward by construction; it is
    /// reported beside, never judged.
    /// </summary>
    public string SamplingRewardMode { get; init; } = "linear";
}

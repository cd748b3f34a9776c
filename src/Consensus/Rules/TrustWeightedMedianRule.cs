using PoQ.Consensus.Kernels;
using PoQ.Consensus.Trust;

namespace PoQ.Consensus.Rules;

/// <summary>
/// <c>trust-median</c> (ours): the trust-weighted median with the paper's Eq. 21 update. A coalition holding
/// less than half of the weight in force cannot move the consensus outside the honest scores, which fixes
/// the trust-weighted mean's exposure to a coordinated minority; saturation at w_max then only makes it the
/// ordinary median, not the mean.
/// </summary>
public sealed class TrustWeightedMedianRule : TrustRuleBase
{
    /// <summary>The wire name.</summary>
    public const string RuleName = "trust-median";

    /// <summary>Creates the rule with the paper's update and the given parameters.</summary>
    public TrustWeightedMedianRule(TrustParameters? parameters = null)
        : base(new TrustSettings(parameters ?? new TrustParameters(), Pivot: 0.5, PriorStrength: 0, MeasureFromMedian: false))
    {
    }

    /// <inheritdoc />
    public override string Name => RuleName;

    /// <inheritdoc />
    public override double Aggregate(ReadOnlySpan<double> scores, ReadOnlySpan<double> weights, ReadOnlySpan<int> order, Span<bool> excluded) =>
        Aggregates.WeightedMedian(scores, weights, order);
}

using PoQ.Consensus.Kernels;
using PoQ.Consensus.Trust;

namespace PoQ.Consensus.Rules;

/// <summary>
/// <c>trust</c>: the paper's adaptive trust-weighted mean c = Σ wₑsₑ / Σ wₑ with the Eq. 21 update
/// (pivot 0.5, deviation from c, no prior). Known weakness: with d &lt; 0.5 all weights climb to w_max and
/// the rule degenerates to the mean.
/// </summary>
public sealed class TrustWeightedMeanRule : TrustRuleBase
{
    /// <summary>The wire name.</summary>
    public const string RuleName = "trust";

    /// <summary>Creates the rule with the paper's update and the given parameters (defaults are ours).</summary>
    public TrustWeightedMeanRule(TrustParameters? parameters = null)
        : base(new TrustSettings(parameters ?? new TrustParameters(), Pivot: 0.5, PriorStrength: 0, MeasureFromMedian: false))
    {
    }

    /// <inheritdoc />
    public override string Name => RuleName;

    /// <inheritdoc />
    public override double Aggregate(ReadOnlySpan<double> scores, ReadOnlySpan<double> weights, ReadOnlySpan<int> order, Span<bool> excluded) =>
        Aggregates.WeightedMean(scores, weights, order);
}

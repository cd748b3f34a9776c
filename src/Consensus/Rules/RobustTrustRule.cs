using PoQ.Consensus.Kernels;
using PoQ.Consensus.Trust;

namespace PoQ.Consensus.Rules;

/// <summary>
/// <c>robust-trust</c> (ours): a trust-weighted mean whose trust update fixes the paper rule's two
/// weaknesses. (1) Saturation: the pivot is lowered (default 0.15 instead of 0.5), so only evaluators that
/// agree closely gain weight while typical disagreement loses it, and weights spread instead of all
/// reaching w_max. (2) A coordinated minority pulling its own yardstick: deviation is measured from the
/// unweighted median of the task's scores, not from the weighted consensus the coalition helps to form.
/// A cold-start prior (default strength 5) shrinks a newcomer's weight towards w₀ until it has history,
/// so a fresh identity cannot buy influence with a few agreeable tasks.
/// </summary>
public sealed class RobustTrustRule : TrustRuleBase
{
    /// <summary>The wire name.</summary>
    public const string RuleName = "robust-trust";

    /// <summary>Default pivot (ours).</summary>
    public const double DefaultPivot = 0.15;

    /// <summary>Default prior strength (ours).</summary>
    public const double DefaultPriorStrength = 5;

    /// <summary>Creates the rule.</summary>
    public RobustTrustRule(TrustParameters? parameters = null, double pivot = DefaultPivot, double priorStrength = DefaultPriorStrength)
        : base(new TrustSettings(parameters ?? new TrustParameters(), pivot, priorStrength, MeasureFromMedian: true))
    {
    }

    /// <inheritdoc />
    public override string Name => RuleName;

    /// <inheritdoc />
    public override double Aggregate(ReadOnlySpan<double> scores, ReadOnlySpan<double> weights, ReadOnlySpan<int> order, Span<bool> excluded) =>
        Aggregates.WeightedMean(scores, weights, order);

    /// <inheritdoc />
    protected override IEnumerable<KeyValuePair<string, string>> ExtraParameters() =>
    [
        new("pivot", Format(Trust.Pivot)),
        new("prior", Format(Trust.PriorStrength)),
    ];
}

using PoQ.Consensus.Kernels;

namespace PoQ.Consensus.Rules;

/// <summary><c>mean</c>: the arithmetic mean of all k scores; no parameters.</summary>
public sealed class MeanRule : ConsensusRule
{
    /// <summary>The wire name.</summary>
    public const string RuleName = "mean";

    /// <inheritdoc />
    public override string Name => RuleName;

    /// <inheritdoc />
    public override IReadOnlyList<KeyValuePair<string, string>> Parameters => [];

    /// <inheritdoc />
    public override double Aggregate(ReadOnlySpan<double> scores, ReadOnlySpan<double> weights, ReadOnlySpan<int> order, Span<bool> excluded) =>
        Aggregates.Mean(scores, order);
}

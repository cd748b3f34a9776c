using PoQ.Consensus.Kernels;

namespace PoQ.Consensus.Rules;

/// <summary>
/// <c>median</c>: the middle score; for even k the average of the middle two. Scores outside the middle
/// are reported as excluded, because they did not move the result.
/// </summary>
public sealed class MedianRule : ConsensusRule
{
    /// <summary>The wire name.</summary>
    public const string RuleName = "median";

    /// <inheritdoc />
    public override string Name => RuleName;

    /// <inheritdoc />
    public override IReadOnlyList<KeyValuePair<string, string>> Parameters => [];

    /// <inheritdoc />
    public override double Aggregate(ReadOnlySpan<double> scores, ReadOnlySpan<double> weights, ReadOnlySpan<int> order, Span<bool> excluded)
    {
        int k = order.Length;
        int firstMiddle = (k - 1) / 2;
        int lastMiddle = k / 2;
        for (int position = 0; position < k; position++)
        {
            excluded[order[position]] = position < firstMiddle || position > lastMiddle;
        }

        return Aggregates.Median(scores, order);
    }
}

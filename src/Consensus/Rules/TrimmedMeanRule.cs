using System.Globalization;
using PoQ.Consensus.Kernels;

namespace PoQ.Consensus.Rules;

/// <summary>
/// <c>trimmed</c>: drop g = TrimCount(τ, k) scores from each end of the sorted scores and average the rest.
/// Ties at the cut are broken by the canonical order (score, then reporting index), so the trimmed set is
/// deterministic.
/// </summary>
public sealed class TrimmedMeanRule : ConsensusRule
{
    /// <summary>The wire name.</summary>
    public const string RuleName = "trimmed";

    /// <summary>Creates the rule; τ must lie in [0, 0.5).</summary>
    public TrimmedMeanRule(double tau = 0.2, TrimRounding rounding = TrimRounding.Floor)
    {
        if (!double.IsFinite(tau) || tau < 0 || tau >= 0.5)
        {
            throw new ArgumentOutOfRangeException(nameof(tau), tau, "parameter 'tau' must be in [0, 0.5): trimming half or more from each side leaves nothing");
        }

        Tau = SignedZero.ToPositive(tau);
        Rounding = rounding;
        tauAsWritten = TrimCount.AsWritten(Tau);
    }

    // τ converted once for the exact trim count: the conversion parses text, the count is taken on every task.
    private readonly decimal tauAsWritten;

    /// <summary>Trim fraction per side; default 0.2 (ours).</summary>
    public double Tau { get; }

    /// <summary>How g is rounded; default <see cref="TrimRounding.Floor"/>.</summary>
    public TrimRounding Rounding { get; }

    /// <inheritdoc />
    public override string Name => RuleName;

    /// <inheritdoc />
    public override IReadOnlyList<KeyValuePair<string, string>> Parameters =>
    [
        new("rounding", Rounding == TrimRounding.Floor ? "floor" : "at-least-one"),
        new("tau", Tau.ToString("R", CultureInfo.InvariantCulture)),
    ];

    /// <inheritdoc />
    public override double Aggregate(ReadOnlySpan<double> scores, ReadOnlySpan<double> weights, ReadOnlySpan<int> order, Span<bool> excluded)
    {
        int k = order.Length;
        int g = TrimCount.PerSide(tauAsWritten, k, Rounding);
        for (int position = 0; position < k; position++)
        {
            excluded[order[position]] = position < g || position >= k - g;
        }

        return Aggregates.TrimmedMean(scores, order, g);
    }
}

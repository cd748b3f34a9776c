using PoQ.Consensus.Trust;

namespace PoQ.Settlement.Detection;

/// <summary>
/// The trust in force with detection's flags on it: the inner view's entry, marked <see cref="TrustEntry.Flagged"/> for a
/// flagged evaluator, so a trust-weighted rule multiplies its weight by <c>flagged_weight</c>
/// (<see cref="TrustParameters.FlaggedWeight"/>). The weight the score carries changes; the trust the evaluator
/// accumulates does not (folds read the ledger, not this view), and the decider, rules and rewards stay as they are.
/// </summary>
public sealed class FlaggedTrustView : ITrustView
{
    private readonly ITrustView inner;
    private readonly HashSet<string> flagged;

    /// <summary>Marks <paramref name="flaggedEvaluators"/> on top of <paramref name="inner"/>.</summary>
    public FlaggedTrustView(ITrustView inner, IEnumerable<string> flaggedEvaluators)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(flaggedEvaluators);
        this.inner = inner;
        flagged = new HashSet<string>(flaggedEvaluators, StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public TrustEntry Of(string evaluatorId)
    {
        var entry = inner.Of(evaluatorId);
        return flagged.Contains(evaluatorId) ? entry with { Flagged = true } : entry;
    }
}

using System.Collections.Frozen;
using PoQ.Consensus.Trust;

namespace PoQ.Settlement.Trust;

/// <summary>
/// Frozen trust: every evaluator's state after folding all epochs up to <see cref="FoldedThrough"/>. Tasks of epoch
/// <see cref="FoldedThrough"/> + <see cref="TrustEpochs.Lag"/> settle against it, in any process, in any order.
/// </summary>
public sealed class TrustSnapshot : ITrustView
{
    private readonly FrozenDictionary<string, TrustEntry> entries;

    /// <summary>Freezes <paramref name="entries"/> as the state after epoch <paramref name="foldedThrough"/>.</summary>
    public TrustSnapshot(double initialWeight, IEnumerable<KeyValuePair<string, TrustEntry>> entries, long foldedThrough)
    {
        ArgumentNullException.ThrowIfNull(entries);
        InitialWeight = initialWeight;
        this.entries = entries.ToFrozenDictionary(StringComparer.Ordinal);
        FoldedThrough = foldedThrough;
    }

    /// <summary>w₀ of evaluators never folded.</summary>
    public double InitialWeight { get; }

    /// <summary>The last epoch folded in (<see cref="long.MinValue"/> for the initial snapshot).</summary>
    public long FoldedThrough { get; }

    /// <summary>Evaluators with at least one folded verdict.</summary>
    public IReadOnlyDictionary<string, TrustEntry> Entries => entries;

    /// <summary>The snapshot before any verdict: every evaluator at w₀.</summary>
    public static TrustSnapshot Initial(double initialWeight) => new(initialWeight, [], long.MinValue);

    /// <inheritdoc />
    public TrustEntry Of(string evaluatorId) =>
        entries.TryGetValue(evaluatorId, out var entry) ? entry : TrustEntry.Initial(InitialWeight);

    /// <summary>A mutable copy to fold the next epoch into.</summary>
    public TrustLedger ToLedger() => new(InitialWeight, entries);

    /// <summary>This snapshot with an epoch's changes applied.</summary>
    public TrustSnapshot With(IEnumerable<Events.TrustChange> changes, long foldedThrough)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var next = new Dictionary<string, TrustEntry>(entries, StringComparer.Ordinal);
        foreach (var change in changes)
        {
            next[change.EvaluatorId] = new TrustEntry(change.WeightAfter, change.ObservationsAfter);
        }

        return new TrustSnapshot(InitialWeight, next, foldedThrough);
    }
}

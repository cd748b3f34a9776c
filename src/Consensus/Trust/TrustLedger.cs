namespace PoQ.Consensus.Trust;

/// <summary>
/// The mutable trust state of all evaluators. Mutable for throughput (the paper's sequential update applies hundreds of
/// thousands of steps per second); the only writer is the trust fold (<c>PoQ.Settlement.Trust.TrustFold</c>), which
/// decides the order of the steps. Not thread safe.
/// </summary>
public sealed class TrustLedger : ITrustView
{
    private readonly Dictionary<string, TrustEntry> entries = new(StringComparer.Ordinal);

    /// <summary>Creates an empty ledger whose unseen evaluators start at <paramref name="initialWeight"/>.</summary>
    public TrustLedger(double initialWeight = 1.0) => InitialWeight = initialWeight;

    /// <summary>Creates a ledger holding <paramref name="entries"/> (a restored or recorded state).</summary>
    public TrustLedger(double initialWeight, IEnumerable<KeyValuePair<string, TrustEntry>> entries)
        : this(initialWeight)
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var (id, entry) in entries)
        {
            this.entries[id] = entry;
        }
    }

    /// <summary>w₀ for evaluators not seen yet.</summary>
    public double InitialWeight { get; }

    /// <summary>Evaluators with at least one update.</summary>
    public IReadOnlyDictionary<string, TrustEntry> Entries => entries;

    /// <inheritdoc />
    public TrustEntry Of(string evaluatorId) =>
        entries.TryGetValue(evaluatorId, out var entry) ? entry : TrustEntry.Initial(InitialWeight);

    /// <summary>Replaces an evaluator's state (one step of the fold).</summary>
    public void Set(string evaluatorId, TrustEntry entry)
    {
        ArgumentNullException.ThrowIfNull(evaluatorId);
        entries[evaluatorId] = entry;
    }

    /// <summary>An independent copy (an epoch fold works on a copy of the snapshot it starts from).</summary>
    public TrustLedger Copy() => new(InitialWeight, entries);
}

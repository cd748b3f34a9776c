using PoQ.Settlement.Events;

namespace PoQ.Settlement;

/// <summary>Every mechanism recorded on the <c>mechanism</c> stream, rebuilt and indexed by mechanism hash.</summary>
public sealed class RecordedMechanisms
{
    private readonly Dictionary<string, RecordedMechanism> byHash = new(StringComparer.Ordinal);

    /// <summary>Indexes the recorded configurations.</summary>
    public RecordedMechanisms(IEnumerable<MechanismConfigured> recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        foreach (var configured in recorded)
        {
            byHash[configured.MechanismHash] = Mechanism.FromConfigured(configured);
        }
    }

    /// <summary>All recorded configurations.</summary>
    public IReadOnlyCollection<RecordedMechanism> All => byHash.Values;

    /// <summary>The mechanism a settlement references, or null when it was never recorded.</summary>
    public RecordedMechanism? Find(string mechanismHash) => byHash.GetValueOrDefault(mechanismHash);
}

using PoQ.Projections.Events;

namespace PoQ.Projections.Audit;

/// <summary>
/// Every parameter set recorded on the <c>mechanism</c> stream, indexed by (rule hash, reward hash), with the rule
/// rebuilt through <see cref="RuleCatalog"/> and the reward parameters parsed back — or the reason they cannot be.
/// </summary>
public sealed class RecordedMechanisms
{
    private readonly Dictionary<(string, string), RecordedMechanism> byHashes = new();

    /// <summary>Indexes the recorded configurations (the last one wins for a repeated pair).</summary>
    public RecordedMechanisms(IEnumerable<MechanismConfigured> recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        foreach (var configured in recorded)
        {
            byHashes[(configured.ParamsHash, configured.RewardParamsHash)] = RecordedMechanism.From(configured);
        }
    }

    /// <summary>All recorded configurations.</summary>
    public IReadOnlyCollection<RecordedMechanism> All => byHashes.Values;

    /// <summary>The configuration a settlement references, or null when it was never recorded.</summary>
    public RecordedMechanism? Find(string paramsHash, string rewardParamsHash) =>
        byHashes.GetValueOrDefault((paramsHash, rewardParamsHash));
}

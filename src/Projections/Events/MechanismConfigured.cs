namespace PoQ.Projections.Events;

/// <summary>
/// The full parameter sets behind a (rule hash, reward hash) pair, recorded once on the stream
/// <see cref="StreamId"/> the first time a pipeline settles with them, so that every settlement can reference
/// its parameters by hash and an auditor can still read and re-derive them.
/// </summary>
/// <param name="Rule">Rule name.</param>
/// <param name="RuleParameters">Canonical rule parameters.</param>
/// <param name="ParamsHash">Their hash.</param>
/// <param name="RewardParameters">Canonical reward parameters.</param>
/// <param name="RewardParamsHash">Their hash.</param>
/// <param name="Quorum">Minimum accepted scores for a consensus.</param>
public sealed record MechanismConfigured(
    string Rule,
    IReadOnlyDictionary<string, string> RuleParameters,
    string ParamsHash,
    IReadOnlyDictionary<string, string> RewardParameters,
    string RewardParamsHash,
    int Quorum)
{
    /// <summary>The stream holding every configuration ever used.</summary>
    public const string StreamId = "mechanism";
}

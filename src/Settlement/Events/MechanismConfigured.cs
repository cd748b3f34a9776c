namespace PoQ.Settlement.Events;

/// <summary>
/// The full mechanism behind <see cref="MechanismHash"/>, recorded once on the stream <see cref="StreamId"/>: rule and
/// reward parameters with their hashes, the quorum and the trust epoch. Every settlement references it by hash, so an
/// auditor can read and re-derive any payout.
/// </summary>
/// <param name="Rule">Rule name.</param>
/// <param name="RuleParameters">Canonical rule parameters.</param>
/// <param name="ParamsHash">Their hash.</param>
/// <param name="RewardParameters">Canonical reward parameters.</param>
/// <param name="RewardParamsHash">The hash of those the evaluator mode pays with (budget mode reads no evaluator cost).</param>
/// <param name="Quorum">Minimum accepted scores for a consensus.</param>
/// <param name="TrustEpochMs">Trust epoch length in milliseconds of log time; 0 = the paper's sequential update.</param>
/// <param name="MechanismHash">Hash over the rule hash, reward hash, quorum and trust epoch.</param>
public sealed record MechanismConfigured(
    string Rule,
    IReadOnlyDictionary<string, string> RuleParameters,
    string ParamsHash,
    IReadOnlyDictionary<string, string> RewardParameters,
    string RewardParamsHash,
    int Quorum,
    long TrustEpochMs,
    string MechanismHash)
{
    /// <summary>The stream holding every configuration ever used.</summary>
    public const string StreamId = "mechanism";
}

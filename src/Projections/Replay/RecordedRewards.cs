using PoQ.Consensus;
using PoQ.Projections.Audit;
using PoQ.Rewards;

namespace PoQ.Projections.Replay;

/// <summary>Reads back the reward parameters a <see cref="Events.MechanismConfigured"/> recorded in canonical form.</summary>
public static class RecordedRewards
{
    /// <summary>
    /// The parameters whose canonical form is <paramref name="canonical"/>, or null with a reason when a value is missing,
    /// unparseable, or the parsed set does not hash back to <paramref name="expectedHash"/> (so replay never pays with
    /// parameters that differ from the recorded ones by a rounding). Parsing is the audit's — one reader for both.
    /// </summary>
    public static (RewardParameters? Parameters, string? Problem) Parse(IReadOnlyDictionary<string, string> canonical, string expectedHash)
    {
        if (!RecordedRewardParameters.TryParse(canonical, out var parameters, out var problems))
        {
            return (null, string.Join("; ", problems));
        }

        string hash = ParameterHash.Of("rewards", parameters.Canonical());
        return hash == expectedHash
            ? (parameters, null)
            : (null, $"recorded reward parameters hash to {hash}, not the recorded {expectedHash}");
    }
}

using Marten;
using PoQ.Consensus.Rules;
using PoQ.Projections.Detection;

namespace PoQ.Projections.Replay;

/// <summary>
/// The flags a replay applies: a rule that down-weights flagged evaluators (<c>flagged_weight</c> below 1) settles with the
/// evaluators flagged by the latest recorded detection run (<c>poq audit detect</c>); any other rule with none. The flags
/// enter the one settlement chain as a trust view (<see cref="Settlement.Detection.FlaggedTrustView"/>), never as a second rule.
/// </summary>
public static class ReplayFlags
{
    /// <summary>The flagged evaluators and their run (both null when the rule does not down-weight), or why there are none to apply.</summary>
    public static async Task<(IReadOnlyList<string>? Flagged, string? RunId, string? Problem)> ResolveAsync(IQuerySession session, ConsensusRule rule, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(rule);
        if (rule.Trust is not { } trust || trust.Parameters.FlaggedWeight >= 1)
        {
            return (null, null, null);
        }

        var run = await DetectionLog.LatestAsync(session, cancellationToken).ConfigureAwait(false);
        return run is null
            ? (null, null, "flagged_weight down-weights the evaluators a detection run flagged, and none is recorded: run `poq audit detect` on this store first")
            : (run.FlaggedEvaluators, run.Completed.RunId, null);
    }
}

namespace PoQ.Projections.Events;

/// <summary>
/// The one event per task: the window's facts (task, sampled evaluators, accepted scores with sources, why it
/// closed) and the settlement derived from them (rule, parameters and hash, weights in force, trimmed
/// evaluators, consensus, trust before/after, rewards with cost inputs and reward parameters).
/// One event rather than four (opened, scores accepted, closed, settled) because Marten appends ≈ 23k
/// events/s here and the pipeline targets ≥ 50k scores/s; the window's close and its settlement are
/// committed atomically anyway. Replay reads the facts and re-derives the settlement.
/// </summary>
/// <param name="Facts">What the window saw.</param>
/// <param name="Sequence">Position in the finalization order (1-based, gap free): the order trust updates were applied in.</param>
/// <param name="Settlement">What the mechanism decided.</param>
public sealed record TaskFinalized(TaskFacts Facts, long Sequence, Settlement Settlement)
{
    /// <summary>Task id (also the stream id); not serialized, the facts carry it.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string TaskId => Facts.TaskId;
}

namespace PoQ.Settlement.Events;

/// <summary>
/// The one event per task: the window's facts and the settlement decided from them against the trust of
/// <paramref name="Epoch"/>. Replay and audit re-derive the settlement from the facts.
/// </summary>
/// <param name="Facts">What the window saw.</param>
/// <param name="Epoch">
/// The trust snapshot the task settled against: the event-time epoch of its close (<c>--trust-epoch DURATION</c>), or
/// with <c>--trust-epoch 0</c> its position in the single instance's finalization order (1-based, gap free).
/// </param>
/// <param name="Settlement">What the mechanism decided.</param>
public sealed record TaskFinalized(TaskFacts Facts, long Epoch, TaskSettlement Settlement)
{
    /// <summary>Task id; not serialized, the facts carry it.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string TaskId => Facts.TaskId;
}

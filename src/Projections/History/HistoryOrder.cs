namespace PoQ.Projections.History;

/// <summary>The order a history is streamed in.</summary>
public enum HistoryOrder
{
    /// <summary>Canonical (<see cref="Settlement.TaskOrder"/>): epoch, close time, partition, offset, task id.</summary>
    Canonical,

    /// <summary>Close time, partition, offset, task id: the order an epoch-trust replay settles a sequentially recorded history in.</summary>
    CloseTime,
}

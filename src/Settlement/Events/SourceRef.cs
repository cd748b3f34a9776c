namespace PoQ.Settlement.Events;

/// <summary>
/// Where a message was read. The topic is implied by the role (task messages come from <c>poq.tasks</c>, scores from
/// <c>poq.scores</c>), so only partition and offset are recorded.
/// </summary>
/// <param name="Partition">Partition.</param>
/// <param name="Offset">Offset.</param>
public sealed record SourceRef(int Partition, long Offset);

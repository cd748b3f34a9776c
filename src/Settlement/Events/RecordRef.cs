namespace PoQ.Settlement.Events;

/// <summary>A record of the input log, by topic, partition and offset (e.g. the record whose time closed a window).</summary>
/// <param name="Topic">Topic.</param>
/// <param name="Partition">Partition.</param>
/// <param name="Offset">Offset.</param>
public sealed record RecordRef(string Topic, int Partition, long Offset)
{
    /// <inheritdoc />
    public override string ToString() => FormattableString.Invariant($"{Topic}/{Partition}/{Offset}");
}

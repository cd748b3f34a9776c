namespace PoQ.Pipeline.Kafka;

/// <summary>Committed data that was no longer on the broker when the pipeline needed it.</summary>
/// <param name="Topic">Topic.</param>
/// <param name="Partition">Partition.</param>
/// <param name="From">First lost offset.</param>
/// <param name="To">Offset reading resumed at (exclusive end of the loss).</param>
public sealed record DataLossReport(string Topic, int Partition, long From, long To)
{
    /// <inheritdoc />
    public override string ToString() => $"DATA LOSS: {Topic}/{Partition} offsets [{From}, {To}) were deleted from the broker before PoQ handled them";
}

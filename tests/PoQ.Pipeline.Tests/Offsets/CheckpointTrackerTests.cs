using PoQ.Pipeline.Model;
using PoQ.Pipeline.Offsets;
using PoQ.Projections.Documents;

namespace PoQ.Pipeline.Tests.Offsets;

public sealed class CheckpointTrackerTests
{
    private const string Tasks = "poq.tasks";

    [Fact]
    public void Handle_InOrder_MovesTheWatermarkPastHandledOffsets()
    {
        var tracker = new CheckpointTracker([]);
        for (long offset = 0; offset < 3; offset++)
        {
            Assert.True(tracker.Read(new RecordPosition(Tasks, 0, offset)));
        }

        var checkpoint = Assert.Single(tracker.Handle([new RecordPosition(Tasks, 0, 1), new RecordPosition(Tasks, 0, 2)]));
        Assert.Equal(0, checkpoint.Watermark); // offset 0 is still open
        Assert.Equal([[1L, 2L]], checkpoint.HandledAhead);

        checkpoint = Assert.Single(tracker.Handle([new RecordPosition(Tasks, 0, 0)]));
        Assert.Equal(3, checkpoint.Watermark);
        Assert.Empty(checkpoint.HandledAhead);
        Assert.Equal(0, tracker.InFlight);
    }

    [Fact]
    public void Read_HandledAheadBeforeARestart_IsSkippedOnce()
    {
        var tracker = new CheckpointTracker([Checkpoint(0, watermark: 10, [11, 12])]);

        Assert.Equal(10, tracker.StartOffset(Tasks, 0));
        Assert.True(tracker.Read(new RecordPosition(Tasks, 0, 10)));
        Assert.False(tracker.Read(new RecordPosition(Tasks, 0, 11)));
        Assert.False(tracker.Read(new RecordPosition(Tasks, 0, 12)));
        Assert.True(tracker.Read(new RecordPosition(Tasks, 0, 13)));
        Assert.Equal(2, tracker.InFlight);
    }

    private static PartitionCheckpoint Checkpoint(int partition, long watermark, params long[][] handledAhead) => new()
    {
        Id = PartitionCheckpoint.IdOf(Tasks, partition),
        Topic = Tasks,
        Partition = partition,
        Watermark = watermark,
        HandledAhead = [.. handledAhead],
    };
}

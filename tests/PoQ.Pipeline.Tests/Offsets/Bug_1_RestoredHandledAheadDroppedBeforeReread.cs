using PoQ.Pipeline.Model;
using PoQ.Pipeline.Offsets;
using PoQ.Projections.Documents;

namespace PoQ.Pipeline.Tests.Offsets;

/// <summary>
/// Bug 1: after a restart, the first commit rewrote the checkpoint of every partition with nothing in flight —
/// including partitions the consumer had not read again yet — from in-memory progress alone, which knows nothing
/// of the restored handled-ahead ranges. The stored ranges were erased; a second crash before those offsets were
/// read again made the next run handle them twice (a second TaskFinalized on the task's stream, rewards paid twice).
/// </summary>
public sealed class Bug_1_RestoredHandledAheadDroppedBeforeReread
{
    private const string Tasks = "poq.tasks";

    [Fact]
    public void Handle_OtherPartitionCommitsBeforeThisOneIsReread_KeepsItsHandledAheadRanges()
    {
        var tracker = new CheckpointTracker(
        [
            new PartitionCheckpoint { Id = PartitionCheckpoint.IdOf(Tasks, 0), Topic = Tasks, Partition = 0, Watermark = 100, HandledAhead = [[102, 150]] },
        ]);

        // Partition 1 is read and handled first; partition 0 has not been read again yet.
        Assert.True(tracker.Read(new RecordPosition(Tasks, 1, 0)));
        var written = tracker.Handle([new RecordPosition(Tasks, 1, 0)]);

        foreach (var checkpoint in written.Where(c => c.Partition == 0))
        {
            Assert.Equal(100, checkpoint.Watermark);
            Assert.Equal([[102L, 150L]], checkpoint.HandledAhead);
        }
    }

    [Fact]
    public void Handle_PartitionRereadOnlyUpToInsideTheRange_KeepsTheRestOfTheRange()
    {
        var tracker = new CheckpointTracker(
        [
            new PartitionCheckpoint { Id = PartitionCheckpoint.IdOf(Tasks, 0), Topic = Tasks, Partition = 0, Watermark = 100, HandledAhead = [[102, 150], [152, 160]] },
        ]);

        Assert.True(tracker.Read(new RecordPosition(Tasks, 0, 100)));
        Assert.True(tracker.Read(new RecordPosition(Tasks, 0, 101)));
        Assert.False(tracker.Read(new RecordPosition(Tasks, 0, 102)));
        Assert.False(tracker.Read(new RecordPosition(Tasks, 0, 103))); // the consumer's batch ends here
        var checkpoint = Assert.Single(tracker.Handle([new RecordPosition(Tasks, 0, 100)]));

        Assert.Equal(101, checkpoint.Watermark);
        Assert.Equal([[102L, 150L], [152L, 160L]], checkpoint.HandledAhead);
    }
}

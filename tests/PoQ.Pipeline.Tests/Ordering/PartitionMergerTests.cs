using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PoQ.Pipeline.Model;
using PoQ.Pipeline.Ordering;

namespace PoQ.Pipeline.Tests.Ordering;

public sealed class PartitionMergerTests
{
    private const string Tasks = "poq.tasks";
    private const string Scores = "poq.scores";
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static KafkaRecord Record(string topic, long offset, int millis) => new(topic, 0, offset, null, [], T0.AddMilliseconds(millis));

    private static List<MergedRecord> Drain(PartitionMerger merger, bool release = false)
    {
        var merged = new List<MergedRecord>();
        while (merger.TryNext(release, out var next))
        {
            merged.Add(next);
        }

        return merged;
    }

    [Fact]
    public void TryNext_BothTopics_MergesByTimeThenTasksFirstThenOffset()
    {
        var merger = new PartitionMerger(Tasks, null, null, TimeSpan.Zero);
        merger.Add(Record(Tasks, 0, 10), false);
        merger.Add(Record(Tasks, 1, 30), false);
        merger.Add(Record(Scores, 0, 10), false);
        merger.Add(Record(Scores, 1, 20), false);
        merger.Add(Record(Scores, 2, 40), false);

        // Both topics are needed to decide: the last score waits for a later task record (or a release).
        var merged = Drain(merger);
        Assert.Equal([(Tasks, 0L), (Scores, 0L), (Scores, 1L), (Tasks, 1L)], merged.Select(m => (m.Record.Topic, m.Record.Offset)));
        Assert.Equal(T0.AddMilliseconds(30), merger.StreamTime);
        Assert.True(merger.WaitingForTasks);
    }

    [Fact]
    public void TryNext_OneTopicEmpty_WaitsUnlessReleased()
    {
        var merger = new PartitionMerger(Tasks, null, null, TimeSpan.Zero);
        merger.Add(Record(Scores, 0, 10), false);
        Assert.Empty(Drain(merger));
        Assert.Single(Drain(merger, release: true));
    }

    [Fact]
    public void TryNext_TimestampGoesBack_KeepsItsTopicsTime()
    {
        var merger = new PartitionMerger(Tasks, null, null, TimeSpan.Zero);
        merger.Add(Record(Tasks, 0, 50), false);
        merger.Add(Record(Tasks, 1, 20), false);
        var merged = Drain(merger, release: true);
        Assert.Equal([T0.AddMilliseconds(50), T0.AddMilliseconds(50)], merged.Select(m => m.Time));
    }

    [Fact]
    public void TryNext_StampedFarAhead_IsSkewedAndDoesNotMoveTime()
    {
        var merger = new PartitionMerger(Tasks, null, null, TimeSpan.FromMinutes(1));
        merger.Add(Record(Tasks, 0, 0), false);
        merger.Add(Record(Tasks, 1, 3_600_000), false);
        merger.Add(Record(Tasks, 2, 1_000), false);
        var merged = Drain(merger, release: true);
        Assert.Equal([false, true, false], merged.Select(m => m.Skewed));
        Assert.Equal(T0.AddSeconds(1), merger.StreamTime);
    }

    // Invariant (determinism): restarted at any pair of offsets with the topic times the checkpoint keeps, the merge
    // re-reads the rest in exactly the order — and with exactly the stream times — of a merge that never stopped.
    [Property(MaxTest = 500)]
    public Property Restart_AtAnyOffsets_ContinuesTheSameOrderAndTimes()
    {
        var topic = Gen.ListOf(Gen.Choose(0, 300)).Select(l => l.ToArray());
        var cases = topic.Zip(topic)
            .SelectMany(t => Gen.Choose(0, t.Item1.Length).Zip(Gen.Choose(0, t.Item2.Length)).Select(cut => (t.Item1, t.Item2, cut.Item1, cut.Item2)))
            .ToArbitrary();
        return Prop.ForAll(cases, c =>
        {
            var (taskTimes, scoreTimes, taskCut, scoreCut) = c;
            var tasks = taskTimes.Select((ms, i) => Record(Tasks, i, ms)).ToList();
            var scores = scoreTimes.Select((ms, i) => Record(Scores, i, ms)).ToList();
            var full = new PartitionMerger(Tasks, null, null, TimeSpan.Zero);
            tasks.ForEach(r => full.Add(r, false));
            scores.ForEach(r => full.Add(r, false));
            var whole = Drain(full);
            whole.AddRange(Drain(full, release: true));

            // A restart reads each topic from its cut, resuming the topic's time below the cut.
            DateTimeOffset? TimeBelow(List<KafkaRecord> records, int cut) => cut == 0 ? null : records.Take(cut).Max(r => r.Timestamp);
            var restarted = new PartitionMerger(Tasks, TimeBelow(tasks, taskCut), TimeBelow(scores, scoreCut), TimeSpan.Zero);
            tasks.Skip(taskCut).ToList().ForEach(r => restarted.Add(r, false));
            scores.Skip(scoreCut).ToList().ForEach(r => restarted.Add(r, false));
            var rest = Drain(restarted);
            rest.AddRange(Drain(restarted, release: true));

            var expected = whole.Where(m => m.Record.Offset >= (m.Record.Topic == Tasks ? taskCut : scoreCut)).Select(m => (m.Record.Topic, m.Record.Offset, m.TopicTime, m.Time));
            return expected.SequenceEqual(rest.Select(m => (m.Record.Topic, m.Record.Offset, m.TopicTime, m.Time))).Label("same order, topic times and stream times");
        });
    }
    [Fact]
    public void LateRecords_AScoreEarlierThanTasksReleasedOnTheIdleWait_IsCounted()
    {
        var merger = new PartitionMerger(Tasks, null, null, TimeSpan.Zero);
        merger.Add(Record(Tasks, 0, 10), false);
        merger.Add(Record(Tasks, 1, 30), false);
        Assert.Equal(2, Drain(merger, release: true).Count); // scores at their end: the tasks go ahead

        merger.Add(Record(Scores, 0, 20), false); // fetched late: in the log's order it sits between the two tasks
        Assert.Single(Drain(merger, release: true));

        Assert.Equal(1, merger.LateRecords);
    }

    [Theory]
    [InlineData(20, 1)] // a task at the released score's time belongs before it: late
    [InlineData(21, 0)] // later: in order
    public void LateRecords_ATaskAfterAScoreReleasedOnTheIdleWait_TiesCountAsLate(int taskMillis, long late)
    {
        var merger = new PartitionMerger(Tasks, null, null, TimeSpan.Zero);
        merger.Add(Record(Scores, 0, 20), false);
        Assert.Single(Drain(merger, release: true));

        merger.Add(Record(Tasks, 0, taskMillis), false);
        Assert.Single(Drain(merger, release: true));

        Assert.Equal(late, merger.LateRecords);
    }

    [Fact]
    public void LateRecords_BothHeadsKnown_NeverCounted()
    {
        var merger = new PartitionMerger(Tasks, null, null, TimeSpan.Zero);
        merger.Add(Record(Scores, 0, 5), false);
        merger.Add(Record(Tasks, 0, 10), false);
        merger.Add(Record(Scores, 1, 10), false);
        merger.Add(Record(Tasks, 1, 20), false);

        Assert.Equal(4, Drain(merger, release: true).Count);
        Assert.Equal(0, merger.LateRecords);
    }
}

using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PoQ.Consensus.Rules;
using PoQ.Consensus.Trust;
using PoQ.Consensus.Windows;
using PoQ.Ingest.Contract;
using PoQ.Pipeline.Checkpoints;
using PoQ.Pipeline.Model;
using PoQ.Pipeline.Partitions;
using PoQ.Pipeline.Stages;
using PoQ.Pipeline.Tests.TestSupport;
using PoQ.Pipeline.Trust;
using PoQ.Rewards;
using PoQ.Settlement;
using PoQ.Settlement.Events;
using PoQ.Settlement.Trust;

namespace PoQ.Pipeline.Tests.Partitions;

public sealed class PartitionProcessorTests
{
    private const string Tasks = "poq.tasks";
    private const string Scores = "poq.scores";
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TrustEpochs Epochs = TrustEpochs.Of(TimeSpan.FromSeconds(2));
    private static readonly Mechanism Mechanism = new(new TrustWeightedMeanRule(), new RewardParameters(), 2, Epochs);

    private static ProcessorSettings Settings(TimeSpan? skew = null) => new(
        TopicNames.Default, new Classifier(TopicNames.Default, 64 * 1024), new WindowOptions { Deadline = TimeSpan.FromSeconds(5), UnknownTaskWait = TimeSpan.FromSeconds(5) }, skew ?? TimeSpan.Zero, Mechanism);

    private static PartitionSession Session(TopicCheckpoint? tasks = null, TopicCheckpoint? scores = null) =>
        new(new PartitionCheckpoint { Partition = 0, Generation = 1, Tasks = tasks ?? TopicCheckpoint.Unread, Scores = scores ?? TopicCheckpoint.Unread }, []);

    private static KafkaRecord Task(long offset, string id, int millis, params string[] evaluators) =>
        new(Tasks, 0, offset, id, Encoding.UTF8.GetBytes(WireJson.Task(id, evaluators)), T0.AddMilliseconds(millis));

    private static KafkaRecord Score(long offset, string task, string evaluator, double score, int millis) =>
        new(Scores, 0, offset, task, Encoding.UTF8.GetBytes(WireJson.Score(task, evaluator, score)), T0.AddMilliseconds(millis));

    private static KafkaRecord Clock(string topic, long offset, int millis) => new(topic, 0, offset, null, ClockRecord.PayloadBytes(), T0.AddMilliseconds(millis));

    /// <summary>Trust that is available only once the test opens it (an epoch not folded yet).</summary>
    private sealed class GateTrust : ITrustSource
    {
        public bool Open { get; set; } = true;

        public long Version { get; private set; }

        public bool TryTrustFor(DateTimeOffset closedAt, out long epoch, out ITrustView trust)
        {
            epoch = Epochs.EpochOf(closedAt);
            trust = TrustSnapshot.Initial(1.0);
            return Open;
        }

        public void Settled(TaskFinalized task) => Version++;
    }

    private static (List<CommitItem> Items, PartitionCheckpoint Checkpoint) Run(PartitionProcessor processor, IEnumerable<KafkaRecord> records, bool release = true)
    {
        foreach (var record in records)
        {
            processor.Add(record);
        }

        processor.Drain(release: false);
        if (release)
        {
            processor.MarkAtEnd(Tasks);
            processor.MarkAtEnd(Scores);
            processor.Drain(release: true);
        }

        var (items, checkpoint) = processor.Take();
        return ([.. items], checkpoint);
    }

    [Fact]
    public void Drain_IdlePartitionWithOnlyClockRecords_ClosesTheWindowAtItsDeadlineInLogTime()
    {
        var processor = new PartitionProcessor(Session(), Settings(), new GateTrust());
        var (items, checkpoint) = Run(processor,
        [
            Task(0, "t-1", 0, "e-1", "e-2", "e-3"),
            Score(0, "t-1", "e-1", 4, 50),
            Score(1, "t-1", "e-2", 6, 51),
            Clock(Tasks, 1, 4_000),
            Clock(Scores, 2, 4_000),
            Clock(Tasks, 2, 6_000),
            Clock(Scores, 3, 6_000),
        ]);

        var settled = Assert.IsType<SettledTask>(Assert.Single(items));
        Assert.Equal((CloseReasons.DeadlineWithQuorum, T0.AddSeconds(6)), (settled.Task.Facts.CloseReason, settled.Task.Facts.ClosedAt));
        Assert.Equal(new RecordRef(Tasks, 0, 2), settled.Task.Facts.ClosedBy);
        Assert.Equal(Epochs.EpochOf(T0.AddSeconds(6)), settled.Task.Epoch);

        // Everything read is handled: both topics restart after their last record.
        Assert.Equal((3L, 4L), (checkpoint.Tasks.Watermark!.Value, checkpoint.Scores.Watermark!.Value));
        Assert.Equal(T0.AddSeconds(6), checkpoint.Progress);
    }

    [Fact]
    public void Drain_AfterARestartBehindAnIdleWaitRelease_ClosesNoEarlierThanTheCommittedProgress()
    {
        // First life: the scores topic is idle, so t-2 is released ahead of it and stream time runs to 4 s; that
        // progress is committed while t-1 is still open. Its second score (200 ms) then arrives late, and the life dies.
        var first = new PartitionProcessor(Session(), Settings(), new GateTrust());
        var t1 = Task(0, "t-1", 0, "e-1", "e-2");
        var e1 = Score(0, "t-1", "e-1", 4, 100);
        var t2 = Task(1, "t-2", 4_000, "e-1", "e-2");
        Run(first, [t1, e1]);
        var (nothing, released) = Run(first, [t2]);
        Assert.Empty(nothing);
        Assert.Equal(T0.AddSeconds(4), released.Progress);

        // Second life, restored there: the log's order closes t-1 at 200 ms, in an epoch every partition had passed.
        var restored = new PartitionCheckpoint { Partition = 0, Generation = 2, Tasks = released.Tasks, Scores = released.Scores, Progress = released.Progress };
        var second = new PartitionProcessor(new PartitionSession(restored, []), Settings(), new GateTrust());
        var (items, _) = Run(second, [t1, e1, Score(1, "t-1", "e-2", 6, 200), t2]);

        var settled = Assert.IsType<SettledTask>(Assert.Single(items));
        Assert.Equal((CloseReasons.AllScored, T0.AddSeconds(4)), (settled.Task.Facts.CloseReason, settled.Task.Facts.ClosedAt));
        Assert.Equal(Epochs.EpochOf(T0.AddSeconds(4)), settled.Task.Epoch);
    }

    [Fact]
    public void Drain_AfterARestartBehindAnIdleWaitRelease_KeepsACloseWithinTheProgressEpoch()
    {
        // As above, but the progress (5 s) and the log-order close (4.2 s) share an epoch ([4 s, 6 s)), which no fold can
        // have reached while the partition's progress is in it: the close stays where the log's order puts it.
        var first = new PartitionProcessor(Session(), Settings(), new GateTrust());
        var t1 = Task(0, "t-1", 4_000, "e-1", "e-2");
        var e1 = Score(0, "t-1", "e-1", 4, 4_100);
        var t2 = Task(1, "t-2", 5_000, "e-1", "e-2");
        Run(first, [t1, e1]);
        var (_, released) = Run(first, [t2]);
        Assert.Equal(T0.AddSeconds(5), released.Progress);

        var restored = new PartitionCheckpoint { Partition = 0, Generation = 2, Tasks = released.Tasks, Scores = released.Scores, Progress = released.Progress };
        var second = new PartitionProcessor(new PartitionSession(restored, []), Settings(), new GateTrust());
        var (items, _) = Run(second, [t1, e1, Score(1, "t-1", "e-2", 6, 4_200), t2]);

        var settled = Assert.IsType<SettledTask>(Assert.Single(items));
        Assert.Equal(T0.AddMilliseconds(4_200), settled.Task.Facts.ClosedAt);
    }

    [Fact]
    public void Drain_TrustNotYetAvailable_HoldsTheTaskAndItsProgress()
    {
        var trust = new GateTrust { Open = false };
        var processor = new PartitionProcessor(Session(), Settings(), trust);
        var records = new[] { Task(0, "t-1", 0, "e-1", "e-2"), Score(0, "t-1", "e-1", 4, 50), Score(1, "t-1", "e-2", 6, 51), Clock(Tasks, 1, 9_000), Clock(Scores, 2, 9_000) };

        var (waiting, held) = Run(processor, records);
        Assert.Empty(waiting);
        Assert.Equal(1, processor.Waiting);
        Assert.Equal(T0.AddMilliseconds(51), held.Progress); // the task that waits closed then: epochs after it cannot fold
        Assert.Equal((0L, 0L), (held.Tasks.Watermark!.Value, held.Scores.Watermark!.Value)); // its records are not handled yet

        trust.Open = true;
        processor.Settle();
        var (items, released) = processor.Take();
        Assert.IsType<SettledTask>(Assert.Single(items));
        Assert.Equal(T0.AddSeconds(9), released.Progress);
    }

    [Fact]
    public void Drain_RecordsHandledBeforeARestart_AreSkippedButStillMoveTime()
    {
        // t-1 and its scores were committed before the restart (handled ahead); t-2 was still open.
        var session = Session(new TopicCheckpoint(0, null, [[0, 0]]), new TopicCheckpoint(0, null, [[0, 1]]));
        var processor = new PartitionProcessor(session, Settings(), new GateTrust());
        var (items, checkpoint) = Run(processor,
        [
            Task(0, "t-1", 0, "e-1", "e-2"), Score(0, "t-1", "e-1", 4, 50), Score(1, "t-1", "e-2", 6, 51),
            Task(1, "t-2", 100, "e-1", "e-2"), Score(2, "t-2", "e-1", 5, 150), Score(3, "t-2", "e-2", 5, 151),
        ]);

        var settled = Assert.IsType<SettledTask>(Assert.Single(items));
        Assert.Equal("t-2", settled.Task.TaskId);
        Assert.Equal((2L, 4L), (checkpoint.Tasks.Watermark!.Value, checkpoint.Scores.Watermark!.Value));
        Assert.Empty(checkpoint.Tasks.HandledAhead);
    }

    [Fact]
    public void Take_RestoredRangesNotReadAgainYet_StayInTheCheckpoint()
    {
        // Bug 1 (kept from the single-instance pipeline): handled-ahead ranges restored but not re-read yet must survive
        // the next checkpoint, or a second restart would handle them twice.
        var session = Session(new TopicCheckpoint(0, null, [[5, 7]]), TopicCheckpoint.Unread);
        var processor = new PartitionProcessor(session, Settings(), new GateTrust());
        var (_, checkpoint) = Run(processor, [Task(0, "t-1", 0, "e-1", "e-2")], release: false);
        Assert.Equal(0, checkpoint.Tasks.Watermark);
        Assert.Equal([[5L, 7L]], checkpoint.Tasks.HandledAhead);
    }

    [Fact]
    public void Drain_KeyIsNotTheTaskId_DeadLettersTheRecordWithTheReason()
    {
        var processor = new PartitionProcessor(Session(), Settings(), new GateTrust());
        var wrongKey = Task(0, "t-1", 0, "e-1") with { Key = "t-other" };
        var (items, _) = Run(processor, [wrongKey]);
        var letter = Assert.IsType<DeadLettered>(Assert.Single(items));
        Assert.Equal((ReasonCodes.KeyMismatch, "key"), (letter.Record.Reason, letter.Record.Field));
    }

    [Fact]
    public void Drain_RecordStampedFarAhead_IsDeadLetteredAsClockSkewAndTimeStays()
    {
        var processor = new PartitionProcessor(Session(), Settings(skew: TimeSpan.FromMinutes(10)), new GateTrust());
        var (items, checkpoint) = Run(processor, [Task(0, "t-1", 0, "e-1", "e-2"), Score(0, "t-1", "e-1", 5, 3_600_000), Score(1, "t-1", "e-2", 5, 10)]);
        Assert.Equal(ReasonCodes.ClockSkew, Assert.IsType<DeadLettered>(Assert.Single(items)).Record.Reason);
        Assert.Equal(T0.AddMilliseconds(10), checkpoint.StreamTime); // the last good score: the skewed one moved nothing
    }

    // Invariant (determinism): however the same records are chunked into reads, the processor decides the same items.
    [Property(MaxTest = 200)]
    public Property Drain_AnyChunking_DecidesTheSameItems()
    {
        var records = Records(40);
        var cuts = Gen.ListOf(Gen.Choose(1, 6)).Select(l => l.ToArray()).ToArbitrary();
        return Prop.ForAll(cuts, sizes =>
        {
            var whole = new PartitionProcessor(Session(), Settings(), new GateTrust());
            var (expected, _) = Run(whole, records);
            var chunked = new PartitionProcessor(Session(), Settings(), new GateTrust());
            var items = new List<CommitItem>();
            int at = 0;
            foreach (int size in sizes.Append(records.Count))
            {
                foreach (var record in records.Skip(at).Take(size))
                {
                    chunked.Add(record);
                }

                at += size;
                chunked.Drain(release: false);
                items.AddRange(chunked.Take().Items);
            }

            chunked.MarkAtEnd(Tasks);
            chunked.MarkAtEnd(Scores);
            chunked.Drain(release: true);
            items.AddRange(chunked.Take().Items);
            return Describe(expected).SequenceEqual(Describe(items));
        });
    }

    private static List<KafkaRecord> Records(int tasks)
    {
        var records = new List<KafkaRecord>();
        long taskOffset = 0, scoreOffset = 0;
        for (int t = 0; t < tasks; t++)
        {
            records.Add(Task(taskOffset++, $"t-{t}", t * 400, "e-1", "e-2", "e-3"));
            for (int e = 1; e <= (t % 4 == 0 ? 2 : 3); e++)
            {
                records.Add(Score(scoreOffset++, $"t-{t}", $"e-{e}", (t + e) % 10, (t * 400) + 50 + e));
            }
        }

        records.Add(Clock(Tasks, taskOffset, (tasks * 400) + 60_000));
        records.Add(Clock(Scores, scoreOffset, (tasks * 400) + 60_000));
        return records;
    }

    private static IEnumerable<string> Describe(IEnumerable<CommitItem> items) => items.Select(i => i switch
    {
        SettledTask s => $"{s.Task.TaskId} {s.Task.Epoch} {s.Task.Facts.CloseReason} {s.Task.Facts.ClosedAt:O} {s.Task.Settlement.Consensus:R} {string.Join(",", s.Task.Facts.AcceptedScores.Select(a => a.ScoreId))}",
        DeadLettered d => $"{d.Record.Id} {d.Record.Reason}",
        _ => "?",
    });
}

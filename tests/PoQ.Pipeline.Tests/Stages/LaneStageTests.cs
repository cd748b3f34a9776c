using System.Text;
using Akka.Streams.Dsl;
using Akka.Streams.TestKit;
using Akka.Streams;
using Akka.TestKit.Xunit2;
using PoQ.Consensus.Rules;
using PoQ.Consensus.Windows;
using PoQ.Ingest.Contract;
using PoQ.Pipeline.Checkpoints;
using PoQ.Pipeline.Kafka;
using PoQ.Pipeline.Model;
using PoQ.Pipeline.Partitions;
using PoQ.Pipeline.Stages;
using PoQ.Pipeline.Tests.TestSupport;
using PoQ.Pipeline.Trust;
using PoQ.Rewards;
using PoQ.Settlement.Trust;
using PoQ.Settlement;

namespace PoQ.Pipeline.Tests.Stages;

/// <summary>
/// The lane's waiting, with a manual wall clock: a partition whose merge waits for an idle topic is released only after
/// the idle wait and only on the source's fresh confirmation that the topic is still at its end — never while records
/// may still come (topic not at its end), never early.
/// </summary>
public sealed class LaneStageTests : TestKit
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan IdleWait = TimeSpan.FromMilliseconds(200);
    private readonly ManualClock clock = new(T0);
    private readonly FlowControl flow = new();
    private readonly PartitionSession session = new(new PartitionCheckpoint { Partition = 0, Generation = 1, Tasks = TopicCheckpoint.Unread, Scores = TopicCheckpoint.Unread }, []);

    private (TestPublisher.Probe<RecordChunk> In, TestSubscriber.Probe<LaneBatch> Out) Materialize(long? budget = null)
    {
        var mechanism = new Mechanism(new MeanRule(), new RewardParameters(), 2, TrustEpochs.Of(TimeSpan.FromSeconds(2)));
        var processors = new ProcessorSettings(TopicNames.Default, new Classifier(TopicNames.Default, 65_536), new WindowOptions(), TimeSpan.Zero, mechanism);
        var settings = new LaneSettings(processors, new UnweightedTrustSource(mechanism.Epochs, 1), flow, clock, IdleWait, TimeSpan.FromMilliseconds(50), 1_000) { Budget = budget, QueueFloor = 1 };
        return this.SourceProbe<RecordChunk>()
            .Via(new LaneStage(settings))
            .ToMaterialized(this.SinkProbe<LaneBatch>(), Keep.Both)
            .Run(Sys.Materializer());
    }

    private RecordChunk ManyScores(int from, int count) => new(
        0,
        [.. Enumerable.Range(from, count).Select(i => (session, new KafkaRecord(TopicNames.Default.Scores, 0, i, $"t-{i}", Encoding.UTF8.GetBytes(WireJson.Score($"t-{i}", "e-1", 5)), T0)))],
        [],
        []);

    private bool ScoresPaused() => flow.Requests.Any(r => r.Key == (TopicNames.Default.Scores, 0) && r.Value);

    private RecordChunk Scores(params string[] topicsAtEnd) => new(
        0,
        [(session, new KafkaRecord(TopicNames.Default.Scores, 0, 0, "t-1", Encoding.UTF8.GetBytes(WireJson.Score("t-1", "e-1", 5)), T0))],
        [.. topicsAtEnd.Select(t => (session, t))],
        []);

    private RecordChunk Confirmed(string topic) => new(0, [], [], [(session, topic)]);

    [Fact]
    public void IdleTopic_ReleasedOnlyAfterTheIdleWaitAndOnAFreshConfirmation()
    {
        var (input, output) = Materialize();
        output.Request(10);
        input.SendNext(Scores(TopicNames.Default.Tasks));
        output.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        Assert.Empty(flow.TakeEndChecks()); // the wait has only begun

        // A confirmation before the idle wait is over releases nothing.
        input.SendNext(Confirmed(TopicNames.Default.Tasks));
        output.ExpectNoMsg(TimeSpan.FromMilliseconds(100));

        // After it, the lane asks the source; the source's confirmation releases the merge (the score now waits for its task).
        clock.Advance(IdleWait);
        AwaitCondition(() => flow.TakeEndChecks().Contains((TopicNames.Default.Tasks, 0)), TimeSpan.FromSeconds(3));
        input.SendNext(Confirmed(TopicNames.Default.Tasks));
        var batch = output.ExpectNext(TimeSpan.FromSeconds(3));
        var (_, checkpoint) = Assert.Single(batch.Checkpoints);
        Assert.Equal(T0, checkpoint.StreamTime);
        Assert.Equal(0, checkpoint.Scores.Watermark); // merged, not handled: it waits in its window-to-be
        Assert.Empty(batch.Items);
    }

    [Fact]
    public void TopicNotAtItsEnd_IsNeverReleased()
    {
        var (input, output) = Materialize();
        output.Request(10);
        input.SendNext(Scores()); // no end-of-partition for the tasks topic: records may still come
        clock.Advance(TimeSpan.FromSeconds(10));
        output.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        Assert.Empty(flow.TakeEndChecks());
    }

    [Fact]
    public void RevokedSession_RecordsAreDropped()
    {
        var (input, output) = Materialize();
        output.Request(10);
        session.Revoke();
        input.SendNext(Scores(TopicNames.Default.Tasks));
        clock.Advance(TimeSpan.FromSeconds(10));
        input.SendNext(Confirmed(TopicNames.Default.Tasks));
        output.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public void Budget_PausesAPartitionAtItsShare()
    {
        // One partition owns the whole budget of 30: 10 per queue. Scores pile up in the merge (no task has come).
        var (input, output) = Materialize(budget: 30);
        output.Request(10);
        input.SendNext(ManyScores(0, 10));
        output.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        Assert.False(ScoresPaused());
        input.SendNext(ManyScores(10, 1));
        AwaitCondition(ScoresPaused, TimeSpan.FromSeconds(3));
    }

    [Fact]
    public void WithoutBudget_ThePerPartitionBoundOnly()
    {
        var (input, output) = Materialize();
        output.Request(10);
        input.SendNext(ManyScores(0, 500));
        output.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        Assert.False(ScoresPaused());
    }
}

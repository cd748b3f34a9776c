using System.Text;
using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.Streams.TestKit;
using PoQ.Consensus.Windows;
using PoQ.Ingest.Contract;
using PoQ.Pipeline.Model;
using PoQ.Pipeline.Stages;
using PoQ.Pipeline.Tests.TestSupport;

namespace PoQ.Pipeline.Tests.Stages;

/// <summary>
/// <see cref="WindowStage"/> between a publisher probe and a subscriber probe. Time is a <see cref="ManualClock"/>:
/// the stage's real 10 ms tick only reads it, so a deadline passes exactly when the test advances the clock.
/// </summary>
public sealed class WindowStageTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);
    private static readonly WindowOptions Options = new() { Deadline = TimeSpan.FromSeconds(5), Quorum = 2, UnknownTaskWait = TimeSpan.FromSeconds(3) };

    private readonly ManualClock clock = new(T0);
    private readonly Classifier classifier = new(TopicNames.Default, 1024);
    private long offset;

    [Fact]
    public void Push_AllSampledEvaluatorsScored_ClosesWithAllScoredWithoutWaitingForTheDeadline()
    {
        var (source, sink) = Materialize();
        sink.Request(10);
        source.SendNext(Task("t-1", "e-1", "e-2", "e-3"));
        var scores = new[] { Score("t-1", "e-2", 4), Score("t-1", "e-1", 6), Score("t-1", "e-3", 8) };
        source.SendNext(scores[0]);
        source.SendNext(scores[1]);
        sink.ExpectNoMsg(Quiet);
        source.SendNext(scores[2]);

        var window = ExpectClosed(sink);
        Assert.Equal(WindowCloseReason.AllScored, window.Reason);
        Assert.Equal("t-1", window.Task.TaskId);
        Assert.Equal(scores.Select(s => s.Record), window.Accepted.Select(a => a.Source)); // arrival order, with sources
        Assert.Equal(T0, window.ClosedAt);
        sink.ExpectNoMsg(Quiet);
    }

    [Fact]
    public void Tick_DeadlinePassesWithQuorum_ClosesWithDeadlineWithQuorum()
    {
        var (source, sink) = Materialize();
        sink.Request(10);
        source.SendNext(Task("t-1", "e-1", "e-2", "e-3"));
        source.SendNext(Score("t-1", "e-1", 5));
        source.SendNext(Score("t-1", "e-2", 7));
        Barrier(source, sink);
        clock.Advance(TimeSpan.FromSeconds(4.9));
        sink.ExpectNoMsg(Quiet); // ticks ran, the deadline has not passed

        clock.Advance(TimeSpan.FromSeconds(0.1));
        var window = ExpectClosed(sink);
        Assert.Equal(WindowCloseReason.DeadlineWithQuorum, window.Reason);
        Assert.Equal(["e-1", "e-2"], window.Accepted.Select(a => a.Score.EvaluatorId));
        Assert.Equal(T0.AddSeconds(5), window.ClosedAt);
    }

    [Fact]
    public void Tick_DeadlinePassesBelowQuorum_ClosesWithDeadlineBelowQuorum()
    {
        var (source, sink) = Materialize();
        sink.Request(10);
        source.SendNext(Task("t-1", "e-1", "e-2", "e-3"));
        source.SendNext(Score("t-1", "e-3", 5));
        Barrier(source, sink);
        clock.Advance(TimeSpan.FromSeconds(6));

        var window = ExpectClosed(sink);
        Assert.Equal(WindowCloseReason.DeadlineBelowQuorum, window.Reason);
        Assert.Equal("e-3", Assert.Single(window.Accepted).Score.EvaluatorId);
    }

    [Fact]
    public void Push_ScoreAfterTheWindowClosed_RefusedAsLateScore()
    {
        var (source, sink) = Materialize();
        sink.Request(10);
        source.SendNext(Task("t-1", "e-1", "e-2"));
        source.SendNext(Score("t-1", "e-1", 5));
        source.SendNext(Score("t-1", "e-2", 5));
        Assert.Equal(WindowCloseReason.AllScored, ExpectClosed(sink).Reason);

        var late = Score("t-1", "e-2", 9.5, scoreId: "late");
        source.SendNext(late);
        var refusal = ExpectRefused(sink);
        Assert.Equal(ReasonCodes.LateScore, refusal.Rejection.ReasonCode);
        Assert.Equal("taskId", refusal.Rejection.Field);
        Assert.Contains("t-1", refusal.Rejection.Message, StringComparison.Ordinal);
        Assert.Same(late.Record, refusal.Record);
        Assert.Equal("e-2", refusal.EvaluatorId);
    }

    [Fact]
    public void Push_ScoreForATaskClosedBeforeARestart_RefusedAsLateScore()
    {
        var (source, sink) = Materialize(closedBefore: ["t-9"]);
        sink.Request(10);
        source.SendNext(Score("t-9", "e-1", 5));

        Assert.Equal(ReasonCodes.LateScore, ExpectRefused(sink).Rejection.ReasonCode);
    }

    [Fact]
    public void Push_SecondScoreOfAnEvaluator_RefusedAsDuplicateScore_FirstOneCounts()
    {
        var (source, sink) = Materialize();
        sink.Request(10);
        source.SendNext(Task("t-1", "e-1", "e-2"));
        source.SendNext(Score("t-1", "e-1", 2));
        var duplicate = Score("t-1", "e-1", 9, scoreId: "dup");
        source.SendNext(duplicate);

        var refusal = ExpectRefused(sink);
        Assert.Equal(ReasonCodes.DuplicateScore, refusal.Rejection.ReasonCode);
        Assert.Equal("evaluatorId", refusal.Rejection.Field);
        Assert.Contains("evaluatorId = 'e-1'", refusal.Rejection.Message, StringComparison.Ordinal);
        Assert.Same(duplicate.Record, refusal.Record);

        source.SendNext(Score("t-1", "e-2", 4));
        var window = ExpectClosed(sink);
        Assert.Equal([2.0, 4.0], window.Accepted.Select(a => a.Score.Score));
    }

    [Fact]
    public void Push_ScoreFromAnUnsampledEvaluator_RefusedAsUnsampledEvaluator()
    {
        var (source, sink) = Materialize();
        sink.Request(10);
        source.SendNext(Task("t-1", "e-1", "e-2"));
        source.SendNext(Score("t-1", "e-7", 5));

        var refusal = ExpectRefused(sink);
        Assert.Equal(ReasonCodes.UnsampledEvaluator, refusal.Rejection.ReasonCode);
        Assert.Equal("evaluatorId", refusal.Rejection.Field);
        Assert.Equal("e-7", refusal.EvaluatorId);
    }

    [Fact]
    public void Tick_ScoreWithoutItsTaskPastTheWait_RefusedAsUnknownTask()
    {
        var (source, sink) = Materialize();
        sink.Request(10);
        var orphan = Score("t-ghost", "e-1", 5);
        source.SendNext(orphan);
        Barrier(source, sink);
        clock.Advance(TimeSpan.FromSeconds(2.9));
        sink.ExpectNoMsg(Quiet);

        clock.Advance(TimeSpan.FromSeconds(0.1));
        var refusal = ExpectRefused(sink);
        Assert.Equal(ReasonCodes.UnknownTask, refusal.Rejection.ReasonCode);
        Assert.Same(orphan.Record, refusal.Record);
    }

    [Fact]
    public void Push_ParseRefusal_PassesThroughUnchanged_AndTheStageKeepsWindowing()
    {
        var (source, sink) = Materialize();
        sink.Request(10);
        var malformed = Ingest("poq.scores", "t-1", """{"type":"score","taskId":""");
        var refused = Assert.IsType<Refused>(malformed);
        source.SendNext(Task("t-1", "e-1"));
        source.SendNext(malformed);

        Assert.Same(refused, ExpectRefused(sink));
        Assert.Equal(ReasonCodes.MalformedJson, refused.Rejection.ReasonCode);

        source.SendNext(Score("t-1", "e-1", 5));
        Assert.Equal(WindowCloseReason.AllScored, ExpectClosed(sink).Reason);
    }

    [Fact]
    public void Pull_DemandBelowWhatIsDecided_EmitsNoMoreThanDemanded()
    {
        var (source, sink) = Materialize();
        sink.Request(1); // the first pull; the barrier's refusal uses it
        // Five windows at quorum, all due at the same tick: the stage decides five closes at once.
        for (int t = 1; t <= 5; t++)
        {
            source.SendNext(Task($"t-{t}", "e-1", "e-2", "e-3"));
            source.SendNext(Score($"t-{t}", "e-1", 5));
            source.SendNext(Score($"t-{t}", "e-2", 5));
        }

        Barrier(source, sink);
        sink.ExpectNoMsg(Quiet);
        clock.Advance(TimeSpan.FromSeconds(5));
        sink.ExpectNoMsg(Quiet); // decided, but nothing demanded

        // Windows due at the same instant close in no particular order (the deadline queue is a heap); each exactly once.
        var closedIds = new List<string>();
        sink.Request(2);
        closedIds.AddRange(sink.ExpectNextN(2).Select(o => Assert.IsType<WindowClosed>(o).Window.Task.TaskId));
        sink.ExpectNoMsg(Quiet);

        sink.Request(1);
        closedIds.Add(ExpectClosed(sink).Task.TaskId);
        sink.ExpectNoMsg(Quiet);

        sink.Request(5);
        closedIds.AddRange(sink.ExpectNextN(2).Select(o => Assert.IsType<WindowClosed>(o).Window.Task.TaskId));
        sink.ExpectNoMsg(Quiet);
        Assert.Equal(["t-1", "t-2", "t-3", "t-4", "t-5"], closedIds.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Pull_NoDemand_StageTakesNothingFromUpstream_AndEmitsOnePerRequest()
    {
        var (source, sink) = Materialize();
        sink.EnsureSubscription();
        // The input boundary (buffer of one) prefetches one element; the stage itself pulls only on downstream demand.
        source.SendNext(Ingest("poq.scores", "t-1", "not json 1"));
        source.ExpectNoMsg(Quiet); // no further upstream demand
        sink.ExpectNoMsg(Quiet);

        sink.Request(1);
        Assert.Equal(ReasonCodes.MalformedJson, ExpectRefused(sink).Rejection.ReasonCode);
        source.SendNext(Ingest("poq.scores", "t-1", "not json 2")); // refills the boundary's buffer
        source.ExpectNoMsg(Quiet); // the refusal was emitted, so the stage waits for demand before pulling again
        sink.ExpectNoMsg(Quiet);

        sink.Request(1);
        Assert.Equal(ReasonCodes.MalformedJson, ExpectRefused(sink).Rejection.ReasonCode);
    }

    /// <summary>
    /// Sends a parse refusal and waits for it downstream. SendNext returns before the stage handles the element, but
    /// the stage handles elements in order, so once the marker is out every earlier element was handled — in
    /// particular its processing time was read — and the clock may move (uses one unit of downstream demand).
    /// </summary>
    private void Barrier(TestPublisher.Probe<Ingested> source, TestSubscriber.Probe<WindowOutput> sink)
    {
        var marker = Ingest("poq.scores", "barrier", "barrier");
        source.SendNext(marker);
        Assert.Same(marker, ExpectRefused(sink));
    }

    private (TestPublisher.Probe<Ingested> Source, TestSubscriber.Probe<WindowOutput> Sink) Materialize(IReadOnlyCollection<string>? closedBefore = null) =>
        this.SourceProbe<Ingested>()
            .Via(Flow.FromGraph(new WindowStage(Options, clock, Tick, closedBefore)).WithAttributes(Attributes.CreateInputBuffer(1, 1)))
            .ToMaterialized(this.SinkProbe<WindowOutput>(), Keep.Both)
            .Run(Sys.Materializer());

    private static ClosedWindow<KafkaRecord> ExpectClosed(TestSubscriber.Probe<WindowOutput> sink) =>
        Assert.IsType<WindowClosed>(sink.ExpectNext(TimeSpan.FromSeconds(3))).Window;

    private static Refused ExpectRefused(TestSubscriber.Probe<WindowOutput> sink) =>
        Assert.IsType<WindowRefused>(sink.ExpectNext(TimeSpan.FromSeconds(3))).Refusal;

    private Ingested Task(string taskId, params string[] evaluators) => Ingest("poq.tasks", taskId, WireJson.Task(taskId, evaluators));

    private Ingested Score(string taskId, string evaluatorId, double score, string? scoreId = null) =>
        Ingest("poq.scores", taskId, WireJson.Score(taskId, evaluatorId, score.ToString("R", System.Globalization.CultureInfo.InvariantCulture), scoreId));

    private Ingested Ingest(string topic, string key, string payload) =>
        classifier.Classify(new KafkaRecord(topic, 0, offset++, key, Encoding.UTF8.GetBytes(payload)));
}

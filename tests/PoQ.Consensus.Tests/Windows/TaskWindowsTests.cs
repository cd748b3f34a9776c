using FsCheck;
using FsCheck.Fluent;
using PoQ.Consensus.Windows;

namespace PoQ.Consensus.Tests.Windows;

public sealed class TaskWindowsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly List<ClosedWindow<int>> closed = [];
    private readonly List<WindowRejection<int>> rejected = [];
    private readonly TaskWindows<int> windows = new(new WindowOptions { Deadline = TimeSpan.FromSeconds(5), Quorum = 2, UnknownTaskWait = TimeSpan.FromSeconds(3) });

    private static WindowTask Task(string id, params string[] evaluators) => new(id, "qa", "inf-1", T0, 100, evaluators);

    private static WindowScore Score(string task, string evaluator, double score = 5) => new($"s-{task}-{evaluator}", task, evaluator, score, 10, T0);

    [Fact]
    public void OnScore_AllSampledScored_ClosesImmediately()
    {
        windows.OnTask(Task("t-1", "a", "b"), 0, T0, closed, rejected);
        windows.OnScore(Score("t-1", "a"), 1, T0, closed, rejected);
        Assert.Empty(closed);
        windows.OnScore(Score("t-1", "b"), 2, T0, closed, rejected);
        var window = Assert.Single(closed);
        Assert.Equal(WindowCloseReason.AllScored, window.Reason);
        Assert.Equal([1, 2], window.Accepted.Select(a => a.Source));
        Assert.Equal(0, windows.OpenCount);
    }

    [Fact]
    public void OnTick_DeadlineWithQuorum_ClosesWithAcceptedScores()
    {
        windows.OnTask(Task("t-1", "a", "b", "c"), 0, T0, closed, rejected);
        windows.OnScore(Score("t-1", "a"), 1, T0, closed, rejected);
        windows.OnScore(Score("t-1", "b"), 2, T0, closed, rejected);
        windows.OnTick(T0.AddSeconds(4.9), closed, rejected);
        Assert.Empty(closed);
        windows.OnTick(T0.AddSeconds(5), closed, rejected);
        Assert.Equal(WindowCloseReason.DeadlineWithQuorum, Assert.Single(closed).Reason);
    }

    [Fact]
    public void OnTick_DeadlineBelowQuorum_ClosesInsufficient()
    {
        windows.OnTask(Task("t-1", "a", "b", "c"), 0, T0, closed, rejected);
        windows.OnScore(Score("t-1", "a"), 1, T0, closed, rejected);
        windows.OnTick(T0.AddSeconds(6), closed, rejected);
        Assert.Equal(WindowCloseReason.DeadlineBelowQuorum, Assert.Single(closed).Reason);
    }

    [Fact]
    public void OnScore_AfterClose_RejectedAsLate()
    {
        windows.OnTask(Task("t-1", "a"), 0, T0, closed, rejected);
        windows.OnScore(Score("t-1", "a"), 1, T0, closed, rejected);
        windows.OnScore(Score("t-1", "a"), 2, T0, closed, rejected);
        var rejection = Assert.Single(rejected);
        Assert.Equal(WindowReasonCodes.LateScore, rejection.ReasonCode);
        Assert.Equal(2, rejection.Source);
    }

    [Fact]
    public void OnScore_SameEvaluatorTwice_SecondIsDuplicate()
    {
        windows.OnTask(Task("t-1", "a", "b"), 0, T0, closed, rejected);
        windows.OnScore(Score("t-1", "a", 3), 1, T0, closed, rejected);
        windows.OnScore(Score("t-1", "a", 9), 2, T0, closed, rejected);
        var rejection = Assert.Single(rejected);
        Assert.Equal(WindowReasonCodes.DuplicateScore, rejection.ReasonCode);
        Assert.Contains("evaluatorId", rejection.Message, StringComparison.Ordinal);
        Assert.Equal(2, rejection.Source);
    }

    [Fact]
    public void OnScore_UnsampledEvaluator_Rejected()
    {
        windows.OnTask(Task("t-1", "a", "b"), 0, T0, closed, rejected);
        windows.OnScore(Score("t-1", "z"), 1, T0, closed, rejected);
        Assert.Equal(WindowReasonCodes.UnsampledEvaluator, Assert.Single(rejected).ReasonCode);
    }

    [Fact]
    public void OnTask_ScoresArrivedFirst_AreAttachedWhenTaskArrives()
    {
        windows.OnScore(Score("t-1", "a"), 1, T0, closed, rejected);
        windows.OnScore(Score("t-1", "b"), 2, T0, closed, rejected);
        Assert.Equal(2, windows.OrphanCount);
        windows.OnTask(Task("t-1", "a", "b"), 0, T0.AddSeconds(1), closed, rejected);
        Assert.Equal(0, windows.OrphanCount);
        Assert.Equal(WindowCloseReason.AllScored, Assert.Single(closed).Reason);
    }

    [Fact]
    public void OnTask_MoreWaitingScoresThanSampled_ExtraOnesAfterCloseAreLate()
    {
        windows.OnScore(Score("t-1", "a"), 1, T0, closed, rejected);
        windows.OnScore(Score("t-1", "b"), 2, T0, closed, rejected);
        windows.OnScore(Score("t-1", "a", 9), 3, T0, closed, rejected);
        windows.OnTask(Task("t-1", "a", "b"), 0, T0, closed, rejected);
        Assert.Single(closed);
        var rejection = Assert.Single(rejected);
        Assert.Equal(WindowReasonCodes.LateScore, rejection.ReasonCode);
        Assert.Equal(3, rejection.Source);
    }

    [Fact]
    public void OnTick_ScoreWaitedTooLongForTask_RejectedAsUnknownTask()
    {
        windows.OnScore(Score("t-9", "a"), 1, T0, closed, rejected);
        windows.OnTick(T0.AddSeconds(2), closed, rejected);
        Assert.Empty(rejected);
        windows.OnTick(T0.AddSeconds(3), closed, rejected);
        Assert.Equal(WindowReasonCodes.UnknownTask, Assert.Single(rejected).ReasonCode);
        Assert.Equal(0, windows.OrphanCount);
    }

    [Fact]
    public void OnTask_SameIdTwice_SecondIsDuplicateTask()
    {
        windows.OnTask(Task("t-1", "a", "b"), 0, T0, closed, rejected);
        windows.OnTask(Task("t-1", "a", "b"), 1, T0, closed, rejected);
        Assert.Equal(WindowReasonCodes.DuplicateTask, Assert.Single(rejected).ReasonCode);
    }

    [Fact]
    public void MarkClosed_ScoreForRecordedTask_IsLateNotUnknown()
    {
        windows.MarkClosed("t-old");
        windows.OnScore(Score("t-old", "a"), 1, T0, closed, rejected);
        Assert.Equal(WindowReasonCodes.LateScore, Assert.Single(rejected).ReasonCode);
    }

    [Fact]
    public void Constructor_BadOptions_ListsEveryProblem()
    {
        var error = Assert.Throws<ArgumentException>(() => new TaskWindows<int>(new WindowOptions { Quorum = 0, Deadline = TimeSpan.Zero }));
        Assert.Contains("quorum", error.Message, StringComparison.Ordinal);
        Assert.Contains("window_deadline", error.Message, StringComparison.Ordinal);
    }

    // Invariant (nothing lost, nothing twice): after all deadlines pass, every message that entered left exactly
    // once — in a closed window (task and accepted scores) or as a rejection — whatever the arrival order.
    [FsCheck.Xunit.Property(MaxTest = 300)]
    public Property EveryMessage_LeavesExactlyOnce() =>
        Prop.ForAll(Gen.ListOf(Gen.Choose(0, 10_000)).ToArbitrary(), draws =>
        {
            var sut = new TaskWindows<int>(new WindowOptions { Deadline = TimeSpan.FromSeconds(5), Quorum = 2, UnknownTaskWait = TimeSpan.FromSeconds(3) });
            var outClosed = new List<ClosedWindow<int>>();
            var outRejected = new List<WindowRejection<int>>();
            int source = 0;
            var now = T0;
            foreach (int draw in draws)
            {
                string task = $"t-{draw % 7}";
                string evaluator = $"ev-{(draw / 7) % 5}";
                now = now.AddMilliseconds(draw % 900);
                if (draw % 4 == 0)
                {
                    sut.OnTask(Task(task, "ev-0", "ev-1", "ev-2"), source++, now, outClosed, outRejected);
                }
                else
                {
                    sut.OnScore(Score(task, evaluator), source++, now, outClosed, outRejected);
                }

                sut.OnTick(now, outClosed, outRejected);
            }

            sut.OnTick(now.AddHours(1), outClosed, outRejected);
            var seen = outClosed.SelectMany(w => w.Accepted.Select(a => a.Source).Prepend(w.TaskSource)).Concat(outRejected.Select(r => r.Source)).ToList();
            return seen.Count == source && seen.Distinct().Count() == source && sut.OpenCount == 0 && sut.OrphanCount == 0;
        });
}

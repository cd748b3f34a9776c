using FsCheck.Fluent;
using FsCheck;
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
    public void Advance_StreamTimePassesDeadline_ClosesWithAcceptedScoresAtThatRecord()
    {
        windows.OnTask(Task("t-1", "a", "b", "c"), 0, T0, closed, rejected);
        windows.OnScore(Score("t-1", "a"), 1, T0, closed, rejected);
        windows.OnScore(Score("t-1", "b"), 2, T0, closed, rejected);

        // The window is open through task time + deadline inclusive: a record stamped exactly then does not close it.
        windows.Advance(T0.AddSeconds(5), 3, closed, rejected);
        Assert.Empty(closed);
        windows.Advance(T0.AddSeconds(5.001), 4, closed, rejected);
        var window = Assert.Single(closed);
        Assert.Equal(WindowCloseReason.DeadlineWithQuorum, window.Reason);
        Assert.Equal(T0.AddSeconds(5.001), window.ClosedAt);
        Assert.Equal(4, window.ClosedBy);
        Assert.Equal(T0, window.TaskTime);
    }

    [Fact]
    public void Advance_DeadlineBelowQuorum_ClosesInsufficient()
    {
        windows.OnTask(Task("t-1", "a", "b", "c"), 0, T0, closed, rejected);
        windows.OnScore(Score("t-1", "a"), 1, T0, closed, rejected);
        windows.Advance(T0.AddSeconds(6), 2, closed, rejected);
        Assert.Equal(WindowCloseReason.DeadlineBelowQuorum, Assert.Single(closed).Reason);
    }

    [Fact]
    public void Advance_EarlierTime_NeverMovesStreamTimeBack()
    {
        windows.Advance(T0.AddSeconds(10), 0, closed, rejected);
        windows.Advance(T0, 1, closed, rejected);
        Assert.Equal(T0.AddSeconds(10), windows.StreamTime);
    }

    [Fact]
    public void OnTask_StampedBeforeStreamTime_TakesTheStreamTime()
    {
        // A task record stamped in the past opens its window at the partition's stream time: its deadline counts from there.
        windows.Advance(T0.AddSeconds(10), 0, closed, rejected);
        windows.OnTask(Task("t-1", "a", "b"), 1, T0, closed, rejected);
        windows.Advance(T0.AddSeconds(14), 2, closed, rejected);
        Assert.Empty(closed);
        windows.Advance(T0.AddSeconds(16), 3, closed, rejected);
        Assert.Equal(T0.AddSeconds(10), Assert.Single(closed).TaskTime);
    }

    [Fact]
    public void Advance_SeveralDeadlinesPass_ClosesInDeadlineOrderThenArrivalOrder()
    {
        windows.OnTask(Task("t-b", "a", "b"), 0, T0.AddSeconds(1), closed, rejected);
        windows.OnTask(Task("t-a", "a", "b"), 1, T0.AddSeconds(1), closed, rejected);
        windows.OnTask(Task("t-c", "a", "b"), 2, T0.AddSeconds(2), closed, rejected);
        windows.Advance(T0.AddSeconds(60), 3, closed, rejected);
        Assert.Equal(["t-b", "t-a", "t-c"], closed.Select(c => c.Task.TaskId));
    }

    [Fact]
    public void OnScore_AfterClose_RejectedAsLate()
    {
        windows.OnTask(Task("t-1", "a"), 0, T0, closed, rejected);
        windows.OnScore(Score("t-1", "a"), 1, T0, closed, rejected);
        windows.OnScore(Score("t-1", "a"), 2, T0, closed, rejected);
        var rejection = Assert.Single(rejected);
        Assert.Equal(WindowRefusal.LateScore, rejection.Refusal);
        Assert.Equal(2, rejection.Source);
    }

    [Fact]
    public void OnScore_SameEvaluatorTwice_SecondIsDuplicate()
    {
        windows.OnTask(Task("t-1", "a", "b"), 0, T0, closed, rejected);
        windows.OnScore(Score("t-1", "a", 3), 1, T0, closed, rejected);
        windows.OnScore(Score("t-1", "a", 9), 2, T0, closed, rejected);
        var rejection = Assert.Single(rejected);
        Assert.Equal(WindowRefusal.DuplicateScore, rejection.Refusal);
        Assert.Contains("evaluatorId", rejection.Message, StringComparison.Ordinal);
        Assert.Equal(2, rejection.Source);
    }

    [Fact]
    public void OnScore_UnsampledEvaluator_Rejected()
    {
        windows.OnTask(Task("t-1", "a", "b"), 0, T0, closed, rejected);
        windows.OnScore(Score("t-1", "z"), 1, T0, closed, rejected);
        Assert.Equal(WindowRefusal.UnsampledEvaluator, Assert.Single(rejected).Refusal);
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
        Assert.Equal(WindowRefusal.LateScore, rejection.Refusal);
        Assert.Equal(3, rejection.Source);
    }

    [Fact]
    public void Advance_ScoreWaitedTooLongForTask_RejectedAsUnknownTask()
    {
        windows.OnScore(Score("t-9", "a"), 1, T0, closed, rejected);
        windows.Advance(T0.AddSeconds(3), 2, closed, rejected);
        Assert.Empty(rejected);
        windows.Advance(T0.AddSeconds(3.5), 3, closed, rejected);
        var rejection = Assert.Single(rejected);
        Assert.Equal(WindowRefusal.UnknownTask, rejection.Refusal);
        Assert.Equal("a", rejection.EvaluatorId);
        Assert.Equal(0, windows.OrphanCount);
    }

    [Fact]
    public void OnTask_SameIdTwice_SecondIsDuplicateTask()
    {
        windows.OnTask(Task("t-1", "a", "b"), 0, T0, closed, rejected);
        windows.OnTask(Task("t-1", "a", "b"), 1, T0, closed, rejected);
        Assert.Equal(WindowRefusal.DuplicateTask, Assert.Single(rejected).Refusal);
    }

    [Fact]
    public void MarkClosed_ScoreForRecordedTask_IsLateNotUnknown()
    {
        windows.MarkClosed("t-old", T0);
        windows.OnScore(Score("t-old", "a"), 1, T0, closed, rejected);
        Assert.Equal(WindowRefusal.LateScore, Assert.Single(rejected).Refusal);
    }

    [Fact]
    public void ClosedTaskMemory_PassedInLogTime_ForgetsTheTask()
    {
        var sut = new TaskWindows<int>(new WindowOptions { Deadline = TimeSpan.FromSeconds(5), UnknownTaskWait = TimeSpan.FromSeconds(1), ClosedTaskMemory = TimeSpan.FromMinutes(1) });
        sut.MarkClosed("t-old", T0);
        sut.Advance(T0.AddMinutes(2), 0, closed, rejected);
        sut.OnScore(Score("t-old", "a"), 1, T0.AddMinutes(2), closed, rejected);
        Assert.Empty(rejected); // not late any more: it waits for its task, like any unknown one
        Assert.Equal(1, sut.OrphanCount);
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

                sut.Advance(now, source++, outClosed, outRejected);
            }

            sut.Advance(now.AddHours(1), source++, outClosed, outRejected);
            var clocks = Enumerable.Range(0, source).Where(i => !Entered(i, draws)).ToHashSet();
            var seen = outClosed.SelectMany(w => w.Accepted.Select(a => a.Source).Prepend(w.TaskSource)).Concat(outRejected.Select(r => r.Source)).ToList();
            int messages = source - clocks.Count;
            return seen.Count == messages && seen.Distinct().Count() == messages && !seen.Any(clocks.Contains) && sut.OpenCount == 0 && sut.OrphanCount == 0;
        });

    // Sources alternate: message 2i, time-only record 2i + 1 (the last one is the final clock).
    private static bool Entered(int source, List<int> draws) => source % 2 == 0 && source / 2 < draws.Count;
}

using FsCheck;
using FsCheck.Fluent;
using PoQ.Consensus.Windows;

namespace PoQ.Consensus.Tests.Windows;

public sealed class TaskWindowsEscalationTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly List<ClosedWindow<int>> closed = [];
    private readonly List<WindowRejection<int>> rejected = [];
    private readonly List<EscalatedWindow<int>> escalated = [];
    private readonly TaskWindows<int> windows = new(Options(new SpreadEscalation(2, "x", "y")));

    private static WindowOptions Options(IWindowEscalation escalation) => new()
    {
        Deadline = TimeSpan.FromSeconds(5),
        Quorum = 2,
        UnknownTaskWait = TimeSpan.FromSeconds(3),
        Escalation = escalation,
        EscalationDeadline = TimeSpan.FromSeconds(4),
    };

    private static WindowTask Task(string id, params string[] evaluators) => new(id, "qa", "inf-1", T0, 100, evaluators);

    private static WindowScore Score(string task, string evaluator, double score) => new($"s-{task}-{evaluator}", task, evaluator, score, 10, T0);

    [Fact]
    public void AllScored_Disagreeing_AsksTheExtraEvaluatorsInsteadOfClosing()
    {
        windows.OnTask(Task("t-1", "a", "b"), 0, T0, closed, rejected);
        windows.OnScore(Score("t-1", "a", 1), 1, T0.AddSeconds(1), closed, rejected);
        windows.OnScore(Score("t-1", "b", 9), 2, T0.AddSeconds(2), closed, rejected);

        Assert.Empty(closed);
        windows.TakeEscalated(escalated);
        var request = Assert.Single(escalated).Escalation;
        Assert.Equal(["x", "y"], request.Evaluators);
        Assert.Equal(T0.AddSeconds(2), request.RequestedAt);
        Assert.Equal(T0.AddSeconds(6), request.Deadline);
        Assert.Equal(2, request.ScoresAtRequest);
        Assert.Equal(8, request.Dispersion);
        Assert.Equal(1, windows.OpenCount);
    }

    [Fact]
    public void Escalated_EveryExtraAnswers_ClosesAnsweredWithAllScores()
    {
        windows.OnTask(Task("t-1", "a", "b"), 0, T0, closed, rejected);
        windows.OnScore(Score("t-1", "a", 1), 1, T0, closed, rejected);
        windows.OnScore(Score("t-1", "b", 9), 2, T0, closed, rejected);
        windows.OnScore(Score("t-1", "x", 8), 3, T0.AddSeconds(1), closed, rejected);
        Assert.Empty(closed);
        windows.OnScore(Score("t-1", "y", 8.5), 4, T0.AddSeconds(2), closed, rejected);

        var window = Assert.Single(closed);
        Assert.Equal(WindowCloseReason.EscalationAnswered, window.Reason);
        Assert.Equal([1, 2, 3, 4], window.Accepted.Select(a => a.Source));
        Assert.Equal(["x", "y"], window.Escalation!.Evaluators);
        Assert.Equal(4, window.ClosedBy);
        Assert.Empty(rejected);
    }

    [Fact]
    public void Escalated_NoAnswer_ClosesAtTheEscalationDeadlineNotTheFirstOne()
    {
        windows.OnTask(Task("t-1", "a", "b"), 0, T0, closed, rejected);
        windows.OnScore(Score("t-1", "a", 1), 1, T0.AddSeconds(3), closed, rejected);
        windows.OnScore(Score("t-1", "b", 9), 2, T0.AddSeconds(3), closed, rejected);

        // The first deadline (T0 + 5 s) passes with the window held: the escalation's deadline is T0 + 3 s + 4 s.
        windows.Advance(T0.AddSeconds(6), 3, closed, rejected);
        Assert.Empty(closed);
        windows.OnScore(Score("t-1", "x", 7), 4, T0.AddSeconds(6.5), closed, rejected);
        windows.Advance(T0.AddSeconds(7), 5, closed, rejected);
        Assert.Empty(closed);
        windows.Advance(T0.AddSeconds(7.001), 6, closed, rejected);

        var window = Assert.Single(closed);
        Assert.Equal(WindowCloseReason.EscalationDeadline, window.Reason);
        Assert.Equal([1, 2, 4], window.Accepted.Select(a => a.Source));
        Assert.Equal(T0.AddSeconds(7.001), window.ClosedAt);
    }

    [Fact]
    public void Agreeing_ClosesAsBeforeWithoutEscalation()
    {
        windows.OnTask(Task("t-1", "a", "b"), 0, T0, closed, rejected);
        windows.OnScore(Score("t-1", "a", 5), 1, T0, closed, rejected);
        windows.OnScore(Score("t-1", "b", 6), 2, T0, closed, rejected);

        var window = Assert.Single(closed);
        Assert.Equal(WindowCloseReason.AllScored, window.Reason);
        Assert.Null(window.Escalation);
        windows.TakeEscalated(escalated);
        Assert.Empty(escalated);
    }

    [Fact]
    public void BelowQuorum_NeverEscalates()
    {
        windows.OnTask(Task("t-1", "a", "b", "c"), 0, T0, closed, rejected);
        windows.OnScore(Score("t-1", "a", 1), 1, T0, closed, rejected);
        windows.Advance(T0.AddSeconds(6), 2, closed, rejected);

        Assert.Equal(WindowCloseReason.DeadlineBelowQuorum, Assert.Single(closed).Reason);
        windows.TakeEscalated(escalated);
        Assert.Empty(escalated);
    }

    [Fact]
    public void AtTheDeadlineWithQuorum_EscalatesAndStillTakesASampledEvaluatorsLateScore()
    {
        windows.OnTask(Task("t-1", "a", "b", "c"), 0, T0, closed, rejected);
        windows.OnScore(Score("t-1", "a", 1), 1, T0, closed, rejected);
        windows.OnScore(Score("t-1", "b", 9), 2, T0, closed, rejected);
        windows.Advance(T0.AddSeconds(5.5), 3, closed, rejected);
        Assert.Empty(closed);
        windows.TakeEscalated(escalated);
        Assert.Equal(T0.AddSeconds(5.5), Assert.Single(escalated).Escalation.RequestedAt);

        windows.OnScore(Score("t-1", "c", 2), 4, T0.AddSeconds(6), closed, rejected);
        windows.OnScore(Score("t-1", "x", 2), 5, T0.AddSeconds(6), closed, rejected);
        windows.OnScore(Score("t-1", "y", 2), 6, T0.AddSeconds(6), closed, rejected);

        var window = Assert.Single(closed);
        Assert.Equal(WindowCloseReason.EscalationAnswered, window.Reason);
        Assert.Equal([1, 2, 4, 5, 6], window.Accepted.Select(a => a.Source));
    }

    [Fact]
    public void Escalated_StillDisagreeing_DoesNotAskAgain_AndOthersStayUnsampled()
    {
        windows.OnTask(Task("t-1", "a", "b"), 0, T0, closed, rejected);
        windows.OnScore(Score("t-1", "a", 1), 1, T0, closed, rejected);
        windows.OnScore(Score("t-1", "b", 9), 2, T0, closed, rejected);
        windows.OnScore(Score("t-1", "z", 5), 3, T0, closed, rejected);
        windows.OnScore(Score("t-1", "x", 0), 4, T0, closed, rejected);
        windows.OnScore(Score("t-1", "y", 10), 5, T0, closed, rejected);

        Assert.Equal(WindowCloseReason.EscalationAnswered, Assert.Single(closed).Reason);
        windows.TakeEscalated(escalated);
        Assert.Single(escalated);
        Assert.Equal(WindowRefusal.UnsampledEvaluator, Assert.Single(rejected).Refusal);
    }

    [Fact]
    public void NoCandidates_ClosesAsBefore()
    {
        var none = new TaskWindows<int>(Options(new SpreadEscalation(2)));
        none.OnTask(Task("t-1", "a", "b"), 0, T0, closed, rejected);
        none.OnScore(Score("t-1", "a", 1), 1, T0, closed, rejected);
        none.OnScore(Score("t-1", "b", 9), 2, T0, closed, rejected);

        Assert.Equal(WindowCloseReason.AllScored, Assert.Single(closed).Reason);
    }

    [Fact]
    public void Options_NonPositiveEscalationDeadline_IsNamed()
    {
        var error = Assert.Throws<ArgumentException>(() => new TaskWindows<int>(new WindowOptions { EscalationDeadline = TimeSpan.Zero }));
        Assert.Contains("escalation_deadline", error.Message, StringComparison.Ordinal);
    }

    // Escalation must keep the windows' first invariant: after all deadlines pass every message left exactly once,
    // whatever the arrival order, and nothing stays open.
    [FsCheck.Xunit.Property(MaxTest = 300)]
    public Property EveryMessage_LeavesExactlyOnce_WithEscalation() =>
        Prop.ForAll(Gen.ListOf(Gen.Choose(0, 10_000)).ToArbitrary(), draws =>
        {
            var sut = new TaskWindows<int>(Options(new SpreadEscalation(3, "ev-3", "ev-4")));
            var outClosed = new List<ClosedWindow<int>>();
            var outRejected = new List<WindowRejection<int>>();
            int source = 0;
            var now = T0;
            int messages = 0;
            foreach (int draw in draws)
            {
                string task = $"t-{draw % 7}";
                string evaluator = $"ev-{(draw / 7) % 6}";
                now = now.AddMilliseconds(draw % 900);
                messages++;
                if (draw % 4 == 0)
                {
                    sut.OnTask(Task(task, "ev-0", "ev-1", "ev-2"), source++, now, outClosed, outRejected);
                }
                else
                {
                    sut.OnScore(Score(task, evaluator, (draw / 42) % 11), source++, now, outClosed, outRejected);
                }

                sut.Advance(now, -source, outClosed, outRejected);
            }

            // The first final clock may escalate windows whose first deadline it passes; the second closes them.
            sut.Advance(now.AddHours(1), -1, outClosed, outRejected);
            sut.Advance(now.AddHours(2), -1, outClosed, outRejected);
            var seen = outClosed.SelectMany(w => w.Accepted.Select(a => a.Source).Prepend(w.TaskSource)).Concat(outRejected.Select(r => r.Source)).ToList();
            bool escalatedOnlyOnQuorum = outClosed.Where(w => w.Escalation is not null).All(w => w.Escalation!.ScoresAtRequest >= 2 && w.Reason != WindowCloseReason.AllScored && w.Reason != WindowCloseReason.DeadlineWithQuorum);
            return (seen.Count == messages).Label($"count {seen.Count} vs {messages}")
                .And(seen.Distinct().Count() == messages).Label("distinct")
                .And(seen.All(s => s >= 0)).Label("no clocks")
                .And(sut.OpenCount == 0 && sut.OrphanCount == 0).Label("all closed")
                .And(escalatedOnlyOnQuorum).Label("escalated on quorum");
        });

    // Escalates when the accepted scores span more than the threshold, asking the given evaluators.
    private sealed class SpreadEscalation(double threshold, params string[] extra) : IWindowEscalation
    {
        public WindowEscalationDecision? Decide(WindowTask task, DateTimeOffset taskTime, IReadOnlyList<WindowScore> accepted)
        {
            double spread = accepted.Max(s => s.Score) - accepted.Min(s => s.Score);
            return spread > threshold ? new WindowEscalationDecision(extra, spread, threshold) : null;
        }
    }
}

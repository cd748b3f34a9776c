namespace PoQ.Consensus.Windows;

/// <summary>
/// The open per-task windows of one partition: the pure, event-time state machine behind the pipeline's windowing.
/// Time comes only from the records (their log timestamps, passed in): stream time is the largest timestamp seen, a
/// window closes when every sampled evaluator scored or when stream time passes its task's time + deadline, and a score
/// waiting for its task is rejected when stream time passes its arrival + the unknown-task wait. With an escalation
/// (<see cref="WindowOptions.Escalation"/>) a window about to close with a quorum may instead ask extra evaluators once
/// and stay open until they answer or its escalation deadline passes (<see cref="TakeEscalated"/>). Fed the same records
/// in the same order it decides the same closes — whatever the machine, the clock or the batch sizes. Every message
/// that enters leaves exactly once (in a closed window or as a rejection), which lets the pipeline commit an offset
/// only when its message's effect is durable. Not thread safe: one stage owns it.
/// </summary>
/// <typeparam name="TSource">Where a message came from (Kafka coordinates in the pipeline).</typeparam>
public sealed class TaskWindows<TSource>
{
    private readonly WindowOptions options;
    private readonly Dictionary<string, OpenWindow> open = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Orphan>> orphans = new(StringComparer.Ordinal);
    private readonly PriorityQueue<string, (DateTimeOffset Deadline, long Order)> windowDeadlines = new();
    private readonly PriorityQueue<string, (DateTimeOffset Deadline, long Order)> orphanDeadlines = new();
    private readonly Dictionary<string, DateTimeOffset> closed = new(StringComparer.Ordinal);
    private readonly Queue<(string TaskId, DateTimeOffset ClosedAt)> closedOrder = new();
    private readonly List<EscalatedWindow<TSource>> escalated = [];
    private long arrivals;

    /// <summary>Creates the windows; throws listing every bad option.</summary>
    public TaskWindows(WindowOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Problems();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(options));
        }

        this.options = options;
    }

    /// <summary>The largest record time seen (null before the first record).</summary>
    public DateTimeOffset? StreamTime { get; private set; }

    /// <summary>Windows currently open.</summary>
    public int OpenCount => open.Count;

    /// <summary>Scores waiting for their task event.</summary>
    public int OrphanCount { get; private set; }

    /// <summary>
    /// Resumes after a restart at the stream time of the restart position (never later: windows re-read from there must
    /// meet the same stream times as before).
    /// </summary>
    public void Resume(DateTimeOffset streamTime)
    {
        if (StreamTime is null || streamTime > StreamTime)
        {
            StreamTime = streamTime;
        }
    }

    /// <summary>
    /// Remembers a task as closed at <paramref name="closedAt"/> (restart: tasks already recorded) so that a score for
    /// it is late and a task event with its id a duplicate, for <see cref="WindowOptions.ClosedTaskMemory"/> of stream time.
    /// </summary>
    public void MarkClosed(string taskId, DateTimeOffset closedAt)
    {
        ArgumentNullException.ThrowIfNull(taskId);
        if (!open.ContainsKey(taskId) && closed.TryAdd(taskId, closedAt))
        {
            closedOrder.Enqueue((taskId, closedAt));
        }
    }

    /// <summary>
    /// A record with log time <paramref name="time"/> was read (any record, including clock records and records whose
    /// effect is already recorded): stream time moves to it, windows past their deadline close (in deadline order, ties
    /// in arrival order) and scores that waited too long for their task are rejected.
    /// </summary>
    public void Advance(DateTimeOffset time, TSource by, List<ClosedWindow<TSource>> closedWindows, List<WindowRejection<TSource>> rejections)
    {
        if (StreamTime is { } now && time <= now)
        {
            return;
        }

        StreamTime = time;
        while (windowDeadlines.TryPeek(out string? taskId, out var due) && due.Deadline < time)
        {
            windowDeadlines.Dequeue();

            // An escalated window left its first deadline in the queue: only the window's current deadline closes it.
            if (open.TryGetValue(taskId, out var window) && window.Deadline == due.Deadline)
            {
                var reason = window.Accepted.Count >= options.Quorum ? WindowCloseReason.DeadlineWithQuorum : WindowCloseReason.DeadlineBelowQuorum;
                Close(window, reason, by, closedWindows);
            }
        }

        while (orphanDeadlines.TryPeek(out string? taskId, out var due) && due.Deadline < time)
        {
            orphanDeadlines.Dequeue();
            if (orphans.Remove(taskId, out var waiting))
            {
                OrphanCount -= waiting.Count;
                foreach (var orphan in waiting)
                {
                    rejections.Add(new(WindowRefusal.UnknownTask, FormattableString.Invariant($"taskId = '{taskId}': no task event arrived within {options.UnknownTaskWait.TotalSeconds:0.###} s of log time"), "taskId", orphan.Source, orphan.Score.EvaluatorId));
                }
            }
        }

        Forget(time);
    }

    /// <summary>A task event with log time <paramref name="time"/>: open its window and attach any scores that were waiting for it.</summary>
    public void OnTask(WindowTask task, TSource source, DateTimeOffset time, List<ClosedWindow<TSource>> closedWindows, List<WindowRejection<TSource>> rejections)
    {
        ArgumentNullException.ThrowIfNull(task);
        Advance(time, source, closedWindows, rejections);
        if (open.ContainsKey(task.TaskId) || closed.ContainsKey(task.TaskId))
        {
            rejections.Add(new(WindowRefusal.DuplicateTask, $"taskId = '{task.TaskId}': a task with this id was already received", "taskId", source));
            return;
        }

        var taskTime = StreamTime!.Value;
        var window = new OpenWindow(task, source, taskTime, arrivals++) { Deadline = taskTime + options.Deadline };
        open.Add(task.TaskId, window);
        windowDeadlines.Enqueue(task.TaskId, (window.Deadline, window.Order));
        if (orphans.Remove(task.TaskId, out var waiting))
        {
            OrphanCount -= waiting.Count;
            foreach (var orphan in waiting)
            {
                if (open.ContainsKey(task.TaskId))
                {
                    Accept(window, orphan.Score, orphan.Source, closedWindows, rejections);
                }
                else
                {
                    // The window closed on an earlier waiting score: the rest arrived after it, so they are late.
                    rejections.Add(new(WindowRefusal.LateScore, $"taskId = '{task.TaskId}': the task's window already closed", "taskId", orphan.Source, orphan.Score.EvaluatorId));
                }
            }
        }
    }

    /// <summary>A validated score with log time <paramref name="time"/>.</summary>
    public void OnScore(WindowScore score, TSource source, DateTimeOffset time, List<ClosedWindow<TSource>> closedWindows, List<WindowRejection<TSource>> rejections)
    {
        ArgumentNullException.ThrowIfNull(score);
        Advance(time, source, closedWindows, rejections);
        if (open.TryGetValue(score.TaskId, out var window))
        {
            Accept(window, score, source, closedWindows, rejections);
        }
        else if (closed.ContainsKey(score.TaskId))
        {
            rejections.Add(new(WindowRefusal.LateScore, $"taskId = '{score.TaskId}': the task's window already closed", "taskId", source, score.EvaluatorId));
        }
        else
        {
            if (!orphans.TryGetValue(score.TaskId, out var waiting))
            {
                waiting = [];
                orphans.Add(score.TaskId, waiting);
                orphanDeadlines.Enqueue(score.TaskId, (StreamTime!.Value + options.UnknownTaskWait, arrivals++));
            }

            waiting.Add(new Orphan(score, source));
            OrphanCount++;
        }
    }

    private void Accept(OpenWindow window, WindowScore score, TSource source, List<ClosedWindow<TSource>> closedWindows, List<WindowRejection<TSource>> rejections)
    {
        if (!window.Sampled.Contains(score.EvaluatorId))
        {
            rejections.Add(new(WindowRefusal.UnsampledEvaluator, $"evaluatorId = '{score.EvaluatorId}': not among the evaluators sampled for task '{score.TaskId}'", "evaluatorId", source, score.EvaluatorId));
            return;
        }

        if (!window.Scored.Add(score.EvaluatorId))
        {
            rejections.Add(new(WindowRefusal.DuplicateScore, $"evaluatorId = '{score.EvaluatorId}': already scored task '{score.TaskId}'", "evaluatorId", source, score.EvaluatorId));
            return;
        }

        window.Accepted.Add((score, source));
        if (window.Scored.Count == window.Sampled.Count)
        {
            Close(window, WindowCloseReason.AllScored, source, closedWindows);
        }
    }

    /// <summary>Moves the escalations decided since the last call into <paramref name="into"/>, in decision order.</summary>
    public void TakeEscalated(List<EscalatedWindow<TSource>> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        into.AddRange(escalated);
        escalated.Clear();
    }

    private void Close(OpenWindow window, WindowCloseReason reason, TSource by, List<ClosedWindow<TSource>> closedWindows)
    {
        var now = StreamTime!.Value;
        if (window.Escalation is null && reason != WindowCloseReason.DeadlineBelowQuorum && TryEscalate(window, now))
        {
            return;
        }

        if (window.Escalation is not null && reason != WindowCloseReason.DeadlineBelowQuorum)
        {
            reason = reason == WindowCloseReason.AllScored ? WindowCloseReason.EscalationAnswered : WindowCloseReason.EscalationDeadline;
        }

        open.Remove(window.Task.TaskId);
        MarkClosed(window.Task.TaskId, now);
        closedWindows.Add(new ClosedWindow<TSource>(window.Task, window.Source, window.TaskTime, window.Accepted, reason, now, by) { Escalation = window.Escalation });
    }

    // Asks the extra evaluators (once per window): they join the sampled set, and the window's deadline becomes the
    // escalation's, so it closes when everyone asked has scored or stream time passes that deadline.
    private bool TryEscalate(OpenWindow window, DateTimeOffset now)
    {
        if (options.Escalation?.Decide(window.Task, window.TaskTime, [.. window.Accepted.Select(a => a.Score)]) is not { } decision)
        {
            return false;
        }

        var extra = decision.Evaluators.Where(e => !window.Sampled.Contains(e)).Distinct(StringComparer.Ordinal).ToArray();
        if (extra.Length == 0)
        {
            return false;
        }

        var escalation = new WindowEscalation(extra, decision.Dispersion, decision.Threshold, now, now + options.EscalationDeadline, window.Accepted.Count);
        window.Escalation = escalation;
        window.Sampled.UnionWith(extra);
        window.Deadline = escalation.Deadline;
        windowDeadlines.Enqueue(window.Task.TaskId, (window.Deadline, window.Order));
        escalated.Add(new EscalatedWindow<TSource>(window.Task, window.Source, escalation));
        return true;
    }

    private void Forget(DateTimeOffset now)
    {
        var horizon = now - options.ClosedTaskMemory;
        while (closedOrder.TryPeek(out var oldest) && oldest.ClosedAt < horizon)
        {
            closedOrder.Dequeue();
            closed.Remove(oldest.TaskId);
        }
    }

    private sealed class OpenWindow(WindowTask task, TSource source, DateTimeOffset taskTime, long order)
    {
        public WindowTask Task { get; } = task;

        public TSource Source { get; } = source;

        public DateTimeOffset TaskTime { get; } = taskTime;

        public long Order { get; } = order;

        public DateTimeOffset Deadline { get; set; }

        public WindowEscalation? Escalation { get; set; }

        public EvaluatorSet Sampled { get; } = new(task.Evaluators);

        public EvaluatorSet Scored { get; } = new(task.Evaluators.Count);

        public List<(WindowScore Score, TSource Source)> Accepted { get; } = new(task.Evaluators.Count);
    }

    private sealed record Orphan(WindowScore Score, TSource Source);
}

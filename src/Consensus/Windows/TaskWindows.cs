namespace PoQ.Consensus.Windows;

/// <summary>
/// All open per-task windows: the pure state machine behind the pipeline's windowing stage. Every message
/// that enters leaves exactly once — in a closed window or as a rejection — which is what lets the
/// pipeline commit a Kafka offset only when its message's effect is durable. Time is passed in (processing
/// time from the stage's clock), never read. Not thread safe: one stage owns it.
/// </summary>
/// <typeparam name="TSource">Where a message came from (Kafka coordinates in the pipeline).</typeparam>
public sealed class TaskWindows<TSource>
{
    private readonly WindowOptions options;
    private readonly Dictionary<string, OpenWindow> open = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Orphan>> orphans = new(StringComparer.Ordinal);
    private readonly PriorityQueue<string, DateTimeOffset> windowDeadlines = new();
    private readonly PriorityQueue<string, DateTimeOffset> orphanDeadlines = new();
    private readonly HashSet<string> closed = new(StringComparer.Ordinal);
    private readonly Queue<string> closedOrder = new();

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

    /// <summary>Windows currently open.</summary>
    public int OpenCount => open.Count;

    /// <summary>Scores waiting for their task event.</summary>
    public int OrphanCount { get; private set; }

    /// <summary>A task event arrived: open its window and attach any scores that were waiting for it.</summary>
    public void OnTask(WindowTask task, TSource source, DateTimeOffset now, List<ClosedWindow<TSource>> closedWindows, List<WindowRejection<TSource>> rejections)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (open.ContainsKey(task.TaskId) || closed.Contains(task.TaskId))
        {
            rejections.Add(new(WindowReasonCodes.DuplicateTask, $"taskId = '{task.TaskId}': a task with this id was already received", "taskId", source));
            return;
        }

        var window = new OpenWindow(task, source, now + options.Deadline);
        open.Add(task.TaskId, window);
        windowDeadlines.Enqueue(task.TaskId, window.Deadline);
        if (orphans.Remove(task.TaskId, out var waiting))
        {
            OrphanCount -= waiting.Count;
            foreach (var orphan in waiting)
            {
                if (open.ContainsKey(task.TaskId))
                {
                    Accept(window, orphan.Score, orphan.Source, now, closedWindows, rejections);
                }
                else
                {
                    // The window closed on an earlier waiting score: the rest arrived after it, so they are late.
                    rejections.Add(new(WindowReasonCodes.LateScore, $"taskId = '{task.TaskId}': the task's window already closed", "taskId", orphan.Source));
                }
            }
        }
    }

    /// <summary>A validated score arrived.</summary>
    public void OnScore(WindowScore score, TSource source, DateTimeOffset now, List<ClosedWindow<TSource>> closedWindows, List<WindowRejection<TSource>> rejections)
    {
        ArgumentNullException.ThrowIfNull(score);
        if (open.TryGetValue(score.TaskId, out var window))
        {
            Accept(window, score, source, now, closedWindows, rejections);
        }
        else if (closed.Contains(score.TaskId))
        {
            rejections.Add(new(WindowReasonCodes.LateScore, $"taskId = '{score.TaskId}': the task's window already closed", "taskId", source));
        }
        else
        {
            if (!orphans.TryGetValue(score.TaskId, out var waiting))
            {
                waiting = [];
                orphans.Add(score.TaskId, waiting);
                orphanDeadlines.Enqueue(score.TaskId, now + options.UnknownTaskWait);
            }

            waiting.Add(new Orphan(score, source));
            OrphanCount++;
        }
    }

    /// <summary>
    /// Marks a task as already closed (used on restart with the tasks recorded in the event store) so that a
    /// score for it is rejected as late rather than waiting as unknown.
    /// </summary>
    public void MarkClosed(string taskId) => Remember(taskId);

    /// <summary>Time passed: close windows whose deadline is due and reject scores that waited too long for their task.</summary>
    public void OnTick(DateTimeOffset now, List<ClosedWindow<TSource>> closedWindows, List<WindowRejection<TSource>> rejections)
    {
        while (windowDeadlines.TryPeek(out string? taskId, out var deadline) && deadline <= now)
        {
            windowDeadlines.Dequeue();
            if (open.TryGetValue(taskId, out var window))
            {
                var reason = window.Accepted.Count >= options.Quorum ? WindowCloseReason.DeadlineWithQuorum : WindowCloseReason.DeadlineBelowQuorum;
                Close(window, reason, now, closedWindows);
            }
        }

        while (orphanDeadlines.TryPeek(out string? taskId, out var deadline) && deadline <= now)
        {
            orphanDeadlines.Dequeue();
            if (orphans.Remove(taskId, out var waiting))
            {
                OrphanCount -= waiting.Count;
                foreach (var orphan in waiting)
                {
                    rejections.Add(new(WindowReasonCodes.UnknownTask, $"taskId = '{taskId}': no task event arrived within {options.UnknownTaskWait.TotalSeconds:0.###} s", "taskId", orphan.Source));
                }
            }
        }
    }

    /// <summary>The earliest pending deadline (window or orphan), for scheduling the next tick.</summary>
    public DateTimeOffset? NextDeadline
    {
        get
        {
            DateTimeOffset? next = null;
            if (windowDeadlines.TryPeek(out _, out var window))
            {
                next = window;
            }

            if (orphanDeadlines.TryPeek(out _, out var orphan) && (next is null || orphan < next))
            {
                next = orphan;
            }

            return next;
        }
    }

    private void Accept(OpenWindow window, WindowScore score, TSource source, DateTimeOffset now, List<ClosedWindow<TSource>> closedWindows, List<WindowRejection<TSource>> rejections)
    {
        if (!window.Sampled.Contains(score.EvaluatorId))
        {
            rejections.Add(new(WindowReasonCodes.UnsampledEvaluator, $"evaluatorId = '{score.EvaluatorId}': not among the evaluators sampled for task '{score.TaskId}'", "evaluatorId", source));
            return;
        }

        if (!window.Scored.Add(score.EvaluatorId))
        {
            rejections.Add(new(WindowReasonCodes.DuplicateScore, $"evaluatorId = '{score.EvaluatorId}': already scored task '{score.TaskId}'", "evaluatorId", source));
            return;
        }

        window.Accepted.Add((score, source));
        if (window.Scored.Count == window.Sampled.Count)
        {
            Close(window, WindowCloseReason.AllScored, now, closedWindows);
        }
    }

    private void Close(OpenWindow window, WindowCloseReason reason, DateTimeOffset now, List<ClosedWindow<TSource>> closedWindows)
    {
        open.Remove(window.Task.TaskId);
        Remember(window.Task.TaskId);
        closedWindows.Add(new ClosedWindow<TSource>(window.Task, window.Source, window.Accepted, reason, now));
    }

    private void Remember(string taskId)
    {
        closed.Add(taskId);
        closedOrder.Enqueue(taskId);
        if (closedOrder.Count > options.ClosedTaskMemory)
        {
            closed.Remove(closedOrder.Dequeue());
        }
    }

    private sealed class OpenWindow(WindowTask task, TSource source, DateTimeOffset deadline)
    {
        public WindowTask Task { get; } = task;

        public TSource Source { get; } = source;

        public DateTimeOffset Deadline { get; } = deadline;

        public HashSet<string> Sampled { get; } = new(task.Evaluators, StringComparer.Ordinal);

        public HashSet<string> Scored { get; } = new(StringComparer.Ordinal);

        public List<(WindowScore Score, TSource Source)> Accepted { get; } = [];
    }

    private sealed record Orphan(WindowScore Score, TSource Source);
}

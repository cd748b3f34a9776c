using PoQ.Pipeline.Model;

namespace PoQ.Pipeline.Ordering;

/// <summary>
/// Merges one partition of <c>poq.tasks</c> with the same partition of <c>poq.scores</c> into one deterministic order —
/// by time, then topic (tasks first), then offset — as Kafka Streams does for co-partitioned inputs. Each topic's times
/// are made monotonic (a record's time is at least the previous record's in its topic-partition), so the merge is a
/// function of the log alone: any restart position, batch size or fetch timing yields the same order, as long as both
/// heads are known. When one topic has nothing buffered the merge waits; the owning stage may release it after a
/// bounded idle wait when that topic is at its end (<see cref="TryNext"/>). Pure; not thread safe.
/// </summary>
public sealed class PartitionMerger
{
    private readonly string tasksTopic;
    private readonly Queue<(KafkaRecord Record, bool HandledBefore)> tasks = new();
    private readonly Queue<(KafkaRecord Record, bool HandledBefore)> scores = new();
    private readonly TimeSpan maxSkew;

    // The latest time released per topic while the other topic had nothing buffered (the idle-wait release).
    private DateTimeOffset? idleReleasedTasks;
    private DateTimeOffset? idleReleasedScores;

    /// <summary>
    /// Creates a merger resuming at the given per-topic times: the largest timestamps below each topic's restart offset,
    /// so re-read records get the times they had. Stream time starts unknown: the first merged record sets it, which is
    /// the stream time it had in the first run because the merge order is sorted by time.
    /// </summary>
    /// <param name="tasksTopic">The tasks topic (ordered before scores at equal times).</param>
    /// <param name="tasksTime">Largest task-record time before the restart offset, if any.</param>
    /// <param name="scoresTime">Largest score-record time before the restart offset, if any.</param>
    /// <param name="maxSkew">Records stamped more than this ahead of stream time are marked skewed; zero disables the check.</param>
    public PartitionMerger(string tasksTopic, DateTimeOffset? tasksTime, DateTimeOffset? scoresTime, TimeSpan maxSkew)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tasksTopic);
        this.tasksTopic = tasksTopic;
        TasksTime = tasksTime;
        ScoresTime = scoresTime;
        this.maxSkew = maxSkew;
    }

    /// <summary>Largest time of a merged task record.</summary>
    public DateTimeOffset? TasksTime { get; private set; }

    /// <summary>Largest time of a merged score record.</summary>
    public DateTimeOffset? ScoresTime { get; private set; }

    /// <summary>The partition's stream time: the largest time merged so far.</summary>
    public DateTimeOffset? StreamTime { get; private set; }

    /// <summary>
    /// Records that arrived after records of the other topic with a later place in the log's order had been released on
    /// the idle-wait assumption: from the first of them, this partition's merge differs from the log's order, so a replay
    /// of the log may settle differently. Zero whenever fetches kept within the idle wait.
    /// </summary>
    public long LateRecords { get; private set; }

    /// <summary>Records buffered, both topics.</summary>
    public int Buffered => tasks.Count + scores.Count;

    /// <summary>Buffered task records.</summary>
    public int BufferedTasks => tasks.Count;

    /// <summary>Buffered score records.</summary>
    public int BufferedScores => scores.Count;

    /// <summary>True when scores are buffered but no task record: the merge waits for the tasks topic.</summary>
    public bool WaitingForTasks => tasks.Count == 0 && scores.Count > 0;

    /// <summary>True when task records are buffered but no score: the merge waits for the scores topic.</summary>
    public bool WaitingForScores => scores.Count == 0 && tasks.Count > 0;

    /// <summary>Buffers a record (in offset order per topic); <paramref name="handledBefore"/> marks a record to skip.</summary>
    public void Add(KafkaRecord record, bool handledBefore)
    {
        ArgumentNullException.ThrowIfNull(record);
        (record.Topic == tasksTopic ? tasks : scores).Enqueue((record, handledBefore));
    }

    /// <summary>
    /// The next record in merged order. With one topic empty it returns false unless <paramref name="releaseEmptyTopic"/>
    /// (the stage decided the empty topic is at its end and waited long enough), in which case the other topic proceeds.
    /// </summary>
    public bool TryNext(bool releaseEmptyTopic, out MergedRecord next)
    {
        next = default;
        bool haveTask = tasks.TryPeek(out var task);
        bool haveScore = scores.TryPeek(out var score);
        if (!haveTask && !haveScore)
        {
            return false;
        }

        if (haveTask != haveScore && !releaseEmptyTopic)
        {
            return false;
        }

        bool takeTask;
        if (haveTask && IsSkewed(task.Record))
        {
            // A record stamped far ahead would hold its whole topic back until the other caught up: it is refused at once.
            takeTask = true;
        }
        else if (haveScore && IsSkewed(score.Record))
        {
            takeTask = false;
        }
        else if (haveTask && haveScore)
        {
            var taskTime = Monotonic(task.Record.Timestamp, TasksTime);
            var scoreTime = Monotonic(score.Record.Timestamp, ScoresTime);

            // Tasks before scores at equal times: a score stamped with its task's time finds the window open.
            takeTask = taskTime <= scoreTime;
        }
        else
        {
            takeTask = haveTask;
        }

        bool idleRelease = haveTask != haveScore;
        var (record, handledBefore) = takeTask ? tasks.Dequeue() : scores.Dequeue();
        var topicTime = takeTask ? TasksTime : ScoresTime;
        var time = Monotonic(record.Timestamp, topicTime);
        bool skewed = IsSkewed(record);
        if (!skewed)
        {
            NoteOrder(takeTask, time, idleRelease);
        }

        if (skewed)
        {
            // A skewed record must not steer time: it keeps the stream time it found.
            time = Max(topicTime, StreamTime)!.Value;
        }
        else if (takeTask)
        {
            TasksTime = time;
        }
        else
        {
            ScoresTime = time;
        }

        if (StreamTime is null || time > StreamTime)
        {
            StreamTime = time;
        }

        next = new MergedRecord(record, StreamTime.Value, (takeTask ? TasksTime : ScoresTime) ?? time, skewed, handledBefore);
        return true;
    }

    /// <summary>Drops every buffered record (the partition was revoked).</summary>
    public void Clear()
    {
        tasks.Clear();
        scores.Clear();
    }

    // In the log's order a task precedes a score at an equal time, so a task is late at the released score time itself.
    private void NoteOrder(bool isTask, DateTimeOffset time, bool idleRelease)
    {
        var released = isTask ? idleReleasedScores : idleReleasedTasks;
        if (released is { } other && (isTask ? time <= other : time < other))
        {
            LateRecords++;
        }

        if (idleRelease)
        {
            if (isTask)
            {
                idleReleasedTasks = Max(idleReleasedTasks, time);
            }
            else
            {
                idleReleasedScores = Max(idleReleasedScores, time);
            }
        }
    }

    private bool IsSkewed(KafkaRecord record) => maxSkew > TimeSpan.Zero && StreamTime is { } now && record.Timestamp > now + maxSkew;

    private static DateTimeOffset Monotonic(DateTimeOffset time, DateTimeOffset? floor) => floor is { } f && f > time ? f : time;

    private static DateTimeOffset? Max(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;
}

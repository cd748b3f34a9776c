using System.Diagnostics;
using PoQ.Consensus.Windows;
using PoQ.Ingest.Contract;
using PoQ.Pipeline.Checkpoints;
using PoQ.Pipeline.Model;
using PoQ.Pipeline.Offsets;
using PoQ.Pipeline.Ordering;
using PoQ.Pipeline.Stages;
using PoQ.Pipeline.Trust;
using PoQ.Settlement.Events;
using PoQ.Settlement;

namespace PoQ.Pipeline.Partitions;

/// <summary>
/// Everything one partition does between reading and committing, with no I/O: merge the two topics by time
/// (<see cref="PartitionMerger"/>), classify, window in log time (<see cref="TaskWindows{TSource}"/>), settle closed
/// windows in close order against the trust their epoch needs (<see cref="SettlementDecider"/>), and keep the restart
/// positions and epoch progress that the commit writes with the effects. Fed the same records it makes the same
/// decisions, however they are chunked; only waiting (for the other topic, for trust) depends on the wall clock.
/// </summary>
public sealed class PartitionProcessor
{
    private readonly ProcessorSettings settings;
    private readonly ITrustSource trust;
    private readonly PartitionMerger merger;
    private readonly TaskWindows<KafkaRecord> windows;
    // Closed windows waiting for their trust, with the Stopwatch time each closed (diagnostics only).
    private readonly Queue<(ClosedWindow<KafkaRecord> Window, long ClosedStamp)> closing = new();
    private readonly List<ClosedWindow<KafkaRecord>> closed = [];
    private readonly List<WindowRejection<KafkaRecord>> rejected = [];
    private readonly List<EscalatedWindow<KafkaRecord>> escalated = [];
    private readonly List<CommitItem> items = [];
    private TopicProgress? tasksProgress;
    private TopicProgress? scoresProgress;
    private PartitionCounters added = PartitionCounters.Zero;
    private readonly DateTimeOffset? closeFloor;
    private bool tasksAtEnd;
    private bool scoresAtEnd;

    /// <summary>Resumes a partition at its session's checkpoint.</summary>
    public PartitionProcessor(PartitionSession session, ProcessorSettings settings, ITrustSource trust)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(settings);
        Session = session;
        this.settings = settings;
        this.trust = trust;
        var restored = session.Restored;
        merger = new PartitionMerger(settings.Topics.Tasks, restored.Tasks.Time, restored.Scores.Time, settings.MaxClockSkew);
        windows = new TaskWindows<KafkaRecord>(settings.Windows);
        foreach (var (taskId, closedAt) in session.RecentlyClosed)
        {
            windows.MarkClosed(taskId, closedAt);
        }

        var mechanism = settings.Mechanism;
        closeFloor = mechanism.Trust is not null && !mechanism.Epochs.IsSequential && restored.Progress is { } progress
            ? mechanism.Epochs.StartOf(mechanism.Epochs.EpochOf(progress))
            : null;
        tasksProgress = restored.Tasks.Watermark is { } tw ? new TopicProgress(tw, restored.Tasks.Time) : null;
        scoresProgress = restored.Scores.Watermark is { } sw ? new TopicProgress(sw, restored.Scores.Time) : null;
    }

    /// <summary>The partition's session.</summary>
    public PartitionSession Session { get; }

    /// <summary>Records buffered in the merge.</summary>
    public int Buffered => merger.Buffered;

    /// <summary>Records of the tasks topic waiting in the merge.</summary>
    public int BufferedTasks => merger.BufferedTasks;

    /// <summary>Records of the scores topic waiting in the merge.</summary>
    public int BufferedScores => merger.BufferedScores;

    /// <summary>Closed windows waiting for their trust.</summary>
    public int Waiting => closing.Count;

    /// <summary>Records merged out of the log's order after an idle-wait release (<see cref="PartitionMerger.LateRecords"/>).</summary>
    public long LateRecords => merger.LateRecords;

    /// <summary>Open windows.</summary>
    public int OpenWindows => windows.OpenCount;

    /// <summary>True when there are effects or progress not yet handed to a commit.</summary>
    public bool Dirty { get; private set; }

    /// <summary>True when items (not just checkpoint progress) wait to be committed.</summary>
    public bool HasItems => items.Count > 0;

    /// <summary>Items waiting to be committed.</summary>
    public int PendingItems => items.Count;

    /// <summary>Records merged so far (a merge that moved is no longer the wait it was).</summary>
    public long Merged { get; private set; }

    /// <summary>
    /// True when the merge holds records of one topic while the other topic is at its end: after the idle wait the lane
    /// releases it (<see cref="Drain"/> with <c>release</c>).
    /// </summary>
    public bool WaitingForAnIdleTopic => (merger.WaitingForTasks && tasksAtEnd) || (merger.WaitingForScores && scoresAtEnd);

    /// <summary>True when the merge waits for the tasks topic (false: for the scores topic, if it waits).</summary>
    public bool WaitingForTasks => merger.WaitingForTasks;

    /// <summary>Whether the merge waits for the scores topic (its buffer is empty and tasks are buffered).</summary>
    public bool WaitingForScores => merger.WaitingForScores;

    /// <summary>Buffers a record read from Kafka (in offset order per topic).</summary>
    public void Add(KafkaRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        bool isTask = record.Topic == settings.Topics.Tasks;
        var restored = isTask ? Session.Restored.Tasks : Session.Restored.Scores;
        merger.Add(record, restored.IsHandledAhead(record.Offset));
        if (isTask)
        {
            tasksAtEnd = false;
        }
        else
        {
            scoresAtEnd = false;
        }
    }

    /// <summary>A topic-partition reached its end (no more records for now).</summary>
    public void MarkAtEnd(string topic)
    {
        if (topic == settings.Topics.Tasks)
        {
            tasksAtEnd = true;
        }
        else
        {
            scoresAtEnd = true;
        }
    }

    /// <summary>
    /// Merges and windows as far as the buffered records allow (with <paramref name="release"/>, past a topic that is at
    /// its end), then settles what its trust allows. Returns true when anything happened.
    /// </summary>
    public bool Drain(bool release)
    {
        bool progressed = false;
        while (merger.TryNext(release && WaitingForAnIdleTopic, out var next))
        {
            progressed = true;
            Apply(next);
        }

        return Settle() || progressed;
    }

    /// <summary>Settles closed windows, in close order, while their trust is available. Returns true when any settled.</summary>
    public bool Settle()
    {
        bool any = false;
        while (closing.TryPeek(out var next) && trust.TryTrustFor(next.Window.ClosedAt, out long epoch, out var view))
        {
            var (window, closedStamp) = closing.Dequeue();
            var finalized = SettlementDecider.Decide(Facts(window), epoch, view, settings.Mechanism);
            trust.Settled(finalized);
            // The stamps are read, never decided on: only the latency breakdown sees them.
            items.Add(new SettledTask(finalized, window.TaskSource, [.. window.Accepted.Select(a => a.Source)]) { Stamps = new TaskStamps(window.ClosedBy.ReceivedAt, closedStamp, Stopwatch.GetTimestamp()) });
            Handled(window.TaskSource);
            foreach (var (_, source) in window.Accepted)
            {
                Handled(source);
            }

            added += finalized.Settlement.IsReached
                ? new PartitionCounters(1, 0, window.Accepted.Count, 0)
                : new PartitionCounters(0, 1, window.Accepted.Count, 0);
            any = true;
        }

        Dirty |= any;
        return any;
    }

    /// <summary>
    /// Hands over the effects decided since the last call and the checkpoint that covers exactly them (restart
    /// positions, topic times, epoch progress, counters).
    /// </summary>
    public (IReadOnlyList<CommitItem> Items, PartitionCheckpoint Checkpoint) Take()
    {
        var taken = items.ToList();
        items.Clear();
        var checkpoint = new PartitionCheckpoint
        {
            Partition = Session.Partition,
            Generation = Session.Generation,
            Tasks = Checkpoint(tasksProgress, Session.Restored.Tasks),
            Scores = Checkpoint(scoresProgress, Session.Restored.Scores),
            Progress = Progress(),
            StreamTime = merger.StreamTime,
            Added = added,
        };
        added = PartitionCounters.Zero;
        Dirty = false;
        return (taken, checkpoint);
    }

    private void Apply(MergedRecord merged)
    {
        var record = merged.Record;
        Merged++;
        bool isTask = record.Topic == settings.Topics.Tasks;
        ref var progress = ref isTask ? ref tasksProgress : ref scoresProgress;
        progress ??= new TopicProgress(record.Offset, null);
        progress.Merged(record.Offset, merged.TopicTime, merged.HandledBefore);
        Dirty = true;
        if (merged.HandledBefore)
        {
            // Its effect is committed; it still moves stream time, as it did the first time.
            windows.Advance(merged.Time, record, closed, rejected);
        }
        else if (merged.Skewed)
        {
            DeadLetter(record, new Rejection(ReasonCodes.ClockSkew, FormattableString.Invariant($"timestamp {record.Timestamp:O}: more than {settings.MaxClockSkew.TotalSeconds:0.###} s ahead of the partition's stream time {merged.Time:O}"), "timestamp"), null);
        }
        else
        {
            switch (settings.Classifier.Classify(record, merged.Time))
            {
                case ClockArrived:
                    windows.Advance(merged.Time, record, closed, rejected);
                    progress.Handled(record.Offset);
                    break;
                case TaskArrived task:
                    var t = task.Task;
                    windows.OnTask(new WindowTask(t.TaskId, t.TaskType, t.InferenceNodeId, t.SubmittedAt, t.LatencyMs, t.Evaluators), record, merged.Time, closed, rejected);
                    break;
                case ScoreArrived score:
                    var s = score.Score;
                    windows.OnScore(new WindowScore(s.ScoreId, s.TaskId, s.EvaluatorId, s.Score, s.LatencyMs, s.SubmittedAt) { Signature = s.Signature }, record, merged.Time, closed, rejected);
                    break;
                case Refused refused:
                    DeadLetter(record, refused.Rejection, refused.EvaluatorId);
                    break;
            }
        }

        long closedStamp = closed.Count > 0 ? Stopwatch.GetTimestamp() : 0;
        foreach (var window in closed)
        {
            closing.Enqueue((NotBeforeRestoredProgress(window), closedStamp));
        }

        foreach (var rejection in rejected)
        {
            DeadLetter(rejection.Source, new Rejection(WindowRefusalCodes.Of(rejection.Refusal), rejection.Message, rejection.Field), rejection.EvaluatorId);
        }

        windows.TakeEscalated(escalated);
        foreach (var window in escalated)
        {
            // Published after the next commit, with no effect of its own to make durable: the window stays open (its task
            // unhandled), so a restart re-reads it, decides the same escalation and sends the request again.
            var e = window.Escalation;
            items.Add(new EscalationRequested(
                Session.Partition,
                new EscalationRequest(EscalationRequest.MessageType, EscalationRequest.IdOf(window.Task.TaskId), window.Task.TaskId, e.Evaluators, e.Dispersion, e.Threshold, e.RequestedAt, e.Deadline)));
        }

        closed.Clear();
        rejected.Clear();
        escalated.Clear();
    }

    private void DeadLetter(KafkaRecord record, Rejection rejection, string? evaluatorId)
    {
        items.Add(new DeadLettered(DeadLetters.Of(record, rejection, evaluatorId)));
        Handled(record);
        added += new PartitionCounters(0, 0, 0, 1);
    }

    private void Handled(KafkaRecord record) =>
        (record.Topic == settings.Topics.Tasks ? tasksProgress : scoresProgress)?.Handled(record.Offset);

    private TaskFacts Facts(ClosedWindow<KafkaRecord> window)
    {
        var task = window.Task;
        return new TaskFacts
        {
            TaskId = task.TaskId,
            TaskType = task.TaskType,
            InferenceNodeId = task.InferenceNodeId,
            SubmittedAt = task.SubmittedAt,
            InferenceLatencyMs = task.LatencyMs,
            SampledEvaluators = task.Evaluators,
            TaskSource = new SourceRef(window.TaskSource.Partition, window.TaskSource.Offset),
            TaskTime = window.TaskTime,
            AcceptedScores = window.Accepted.Select(a => new RecordedScore(
                a.Score.ScoreId, a.Score.EvaluatorId, a.Score.Score, a.Score.LatencyMs, a.Score.SubmittedAt, new SourceRef(a.Source.Partition, a.Source.Offset)) { Signature = a.Score.Signature }).ToArray(),
            CloseReason = window.Reason switch
            {
                WindowCloseReason.AllScored => CloseReasons.AllScored,
                WindowCloseReason.DeadlineWithQuorum => CloseReasons.DeadlineWithQuorum,
                WindowCloseReason.EscalationAnswered => CloseReasons.EscalationAnswered,
                WindowCloseReason.EscalationDeadline => CloseReasons.EscalationDeadline,
                _ => CloseReasons.DeadlineBelowQuorum,
            },
            Escalation = window.Escalation is { } e
                ? new TaskEscalation(e.Evaluators, e.Dispersion, e.Threshold, e.RequestedAt, e.Deadline, e.ScoresAtRequest)
                : null,
            ClosedAt = window.ClosedAt,
            ClosedBy = new RecordRef(window.ClosedBy.Topic, window.ClosedBy.Partition, window.ClosedBy.Offset),
            SamplingRule = settings.Classifier.Sampling is null ? null : Settlement.Sampling.EvaluatorDraw.Rule,
            SamplingSeed = settings.Classifier.Sampling?.Seed,
        };
    }

    // A window closes no earlier than the epoch of the progress its partition committed before this session: the
    // coordinator folds through the epoch before the slowest partition's progress, so an earlier close could settle
    // into an epoch already folded, and its verdicts would never reach trust (audit verify would find the fold short).
    // A restart re-merges in the log's order, which gives every window the close it had — except after records merged
    // out of that order on an idle-wait release (LateRecords): stream time had run ahead of the log's, and the re-merge
    // closes some windows behind the committed progress. Those before its epoch close at that epoch's start; those
    // within it keep their close (that epoch cannot be folded yet), so they still match a run that kept the log's order.
    private ClosedWindow<KafkaRecord> NotBeforeRestoredProgress(ClosedWindow<KafkaRecord> window) =>
        closeFloor is { } floor && window.ClosedAt < floor ? window with { ClosedAt = floor } : window;

    // Every task that closed before it is handed to a commit: closes happen at stream time, so only windows still waiting
    // for trust can hold progress back.
    private DateTimeOffset? Progress() =>
        closing.TryPeek(out var waiting) ? waiting.Window.ClosedAt : merger.StreamTime;

    private static TopicCheckpoint Checkpoint(TopicProgress? progress, TopicCheckpoint restored)
    {
        if (progress is null)
        {
            return restored;
        }

        // Progress knows only what this session merged. Restored handled-ahead ranges not merged again yet (at or past
        // Next) are still handled and must stay, or a second restart would handle them twice.
        var ahead = progress.HandledAhead();
        foreach (long[] range in restored.HandledAhead)
        {
            long from = Math.Max(range[0], progress.Next);
            if (range[1] < from)
            {
                continue;
            }

            if (ahead.Count > 0 && ahead[^1][1] + 1 >= from)
            {
                ahead[^1][1] = Math.Max(ahead[^1][1], range[1]);
            }
            else
            {
                ahead.Add([from, range[1]]);
            }
        }

        return new TopicCheckpoint(progress.Watermark, progress.TimeBeforeWatermark, ahead);
    }
}

using System.Diagnostics;
using Akka.Streams;
using Akka.Streams.Stage;
using PoQ.Pipeline.Checkpoints;
using PoQ.Pipeline.Kafka;
using PoQ.Pipeline.Model;
using PoQ.Pipeline.Partitions;
using PoQ.Pipeline.Trust;

namespace PoQ.Pipeline.Stages;

/// <summary>
/// One lane: a thin Akka stage over the <see cref="PartitionProcessor"/>s of the partitions it owns. It feeds them
/// records, releases a merge that waited the idle wait for a topic at its end, retries tasks waiting for trust when more
/// trust is known, and hands its committer one batch — every effect decided since the last one, with the checkpoints
/// that cover them — whenever the committer is ready (so batches grow with load and nothing waits when idle). All
/// decisions are the processors'; the stage only owns the waiting.
/// </summary>
public sealed class LaneStage(LaneSettings settings) : GraphStage<FlowShape<RecordChunk, LaneBatch>>
{
    private LaneSettings Settings { get; } = settings;

    private readonly Inlet<RecordChunk> inlet = new("lane.in");
    private readonly Outlet<LaneBatch> outlet = new("lane.out");

    /// <inheritdoc />
    public override FlowShape<RecordChunk, LaneBatch> Shape => new(inlet, outlet);

    /// <inheritdoc />
    protected override GraphStageLogic CreateLogic(Attributes inheritedAttributes) => new Logic(this);

    private sealed class Logic : TimerGraphStageLogic
    {
        private const string TickKey = "tick";
        private readonly LaneStage stage;
        private readonly LaneSettings settings;
        private readonly Dictionary<int, Owned> owned = [];
        private long trustVersion = -1;
        private DateTimeOffset lastEmit = DateTimeOffset.MinValue;
        private int lane = -1;
        private bool upstreamDone;

        public Logic(LaneStage stage)
            : base(stage.Shape)
        {
            this.stage = stage;
            settings = stage.Settings;
            SetHandler(stage.inlet, onPush: OnPush, onUpstreamFinish: OnUpstreamFinish);
            SetHandler(stage.outlet, onPull: () =>
            {
                TryEmit();
                MaybePull();
            });
        }

        public override void PreStart()
        {
            ScheduleRepeatedly(TickKey, settings.TickInterval);
            Pull(stage.inlet);
        }

        protected override void OnTimer(object timerKey)
        {
            DropRevoked();
            var now = settings.Clock.GetUtcNow();
            bool trustMoved = settings.Trust.Version != trustVersion;
            trustVersion = settings.Trust.Version;
            foreach (var entry in owned.Values)
            {
                var processor = entry.Processor;
                if (processor.WaitingForAnIdleTopic && entry.BlockedSince is { } since && now - since >= settings.IdleWait)
                {
                    // Idle long enough: ask the source whether the topic is still at its end; release on its answer.
                    settings.Flow.RequestEndCheck(processor.WaitingForTasks ? settings.Processors.Topics.Tasks : settings.Processors.Topics.Scores, processor.Session.Partition);
                }

                if (trustMoved && processor.Waiting > 0)
                {
                    processor.Drain(release: false);
                    Track(entry, now);
                }
            }

            TryEmit();
            MaybePull();
        }

        private void OnPush()
        {
            var chunk = Grab(stage.inlet);
            lane = chunk.Lane;
            var now = settings.Clock.GetUtcNow();
            var touched = new HashSet<Owned>();
            foreach (var (session, record) in chunk.Records)
            {
                if (Of(session) is { } entry)
                {
                    entry.Processor.Add(record);
                    touched.Add(entry);
                }
            }

            foreach (var (session, topic) in chunk.AtEnd)
            {
                if (Of(session) is { } entry)
                {
                    entry.Processor.MarkAtEnd(topic);
                    touched.Add(entry);
                }
            }

            foreach (var entry in touched)
            {
                entry.Processor.Drain(release: false);
                Track(entry, now);
            }

            foreach (var (session, topic) in chunk.ConfirmedAtEnd)
            {
                if (Of(session) is { } entry && entry.BlockedSince is { } since && now - since >= settings.IdleWait
                    && (entry.Processor.WaitingForTasks ? settings.Processors.Topics.Tasks : settings.Processors.Topics.Scores) == topic)
                {
                    entry.Processor.Drain(release: true);
                    Track(entry, now);
                }
            }

            TryEmit();
            MaybePull();
        }

        private void OnUpstreamFinish()
        {
            upstreamDone = true;
            if (!Emit(final: true))
            {
                CompleteStage();
            }
        }

        private Owned? Of(PartitionSession session)
        {
            if (session.Revoked)
            {
                return null;
            }

            if (owned.TryGetValue(session.Partition, out var entry) && ReferenceEquals(entry.Processor.Session, session))
            {
                return entry;
            }

            // A new claim of the partition starts over from its checkpoint; whatever the old session held is dropped.
            if (entry is not null)
            {
                Forget(entry);
            }

            entry = new Owned(new PartitionProcessor(session, settings.Processors, settings.Trust));
            owned[session.Partition] = entry;
            return entry;
        }

        private void DropRevoked()
        {
            foreach (var partition in owned.Where(o => o.Value.Processor.Session.Revoked).Select(o => o.Key).ToList())
            {
                Forget(owned[partition]);
                owned.Remove(partition);
            }
        }

        // A dropped partition's windows are no longer open here (the next owner reopens them from the checkpoint).
        private void Forget(Owned entry)
        {
            if (entry.ReportedOpen != 0)
            {
                settings.OpenWindowsChanged?.Invoke(-entry.ReportedOpen);
                entry.ReportedOpen = 0;
            }
        }

        // The idle wait starts when a merge finds the other topic at its end — anew each time the merge moved in between;
        // pause requests bound each partition's memory.
        private void Track(Owned entry, DateTimeOffset now)
        {
            var processor = entry.Processor;
            if (processor.LateRecords != entry.ReportedLate)
            {
                settings.LateRecords?.Invoke(processor.Session.Partition, processor.LateRecords - entry.ReportedLate, entry.ReportedLate == 0);
                entry.ReportedLate = processor.LateRecords;
            }

            if (processor.OpenWindows != entry.ReportedOpen)
            {
                settings.OpenWindowsChanged?.Invoke(processor.OpenWindows - entry.ReportedOpen);
                entry.ReportedOpen = processor.OpenWindows;
            }

            bool moved = processor.Merged != entry.MergedAtBlock;
            entry.MergedAtBlock = processor.Merged;
            entry.BlockedSince = processor.WaitingForAnIdleTopic ? (moved ? now : entry.BlockedSince ?? now) : null;
            // A topic is paused when its own records pile up in the merge (the other topic is behind: never pause the
            // one the merge waits for) or when closed windows pile up waiting for trust (both: reading more cannot help).
            // With a budget, the bounds shrink as the lane owns more partitions, so the lane's total stays bounded.
            int bufferHigh = QueueHigh(settings.BufferHigh, owned.Count);
            int waitingHigh = QueueHigh(settings.WaitingHigh, owned.Count);
            bool waitingFull = processor.Waiting > waitingHigh;
            bool waitingDrained = processor.Waiting < waitingHigh / 4;
            bool pauseTasks = Hysteresis(entry.PausedTasks, waitingFull || processor.BufferedTasks > bufferHigh, waitingDrained && processor.BufferedTasks < bufferHigh / 4);
            bool pauseScores = Hysteresis(entry.PausedScores, waitingFull || processor.BufferedScores > bufferHigh, waitingDrained && processor.BufferedScores < bufferHigh / 4);

            // The topic the merge waits for is never paused: a paused topic cannot be confirmed at its end, so the merge
            // would stall on it, and the windows it holds open would hold the trust epochs that the waiting tasks need.
            pauseTasks &= !processor.WaitingForTasks;
            pauseScores &= !processor.WaitingForScores;
            int partition = processor.Session.Partition;
            if (pauseTasks != entry.PausedTasks)
            {
                entry.PausedTasks = pauseTasks;
                settings.Flow.Request(settings.Processors.Topics.Tasks, partition, pauseTasks);
            }

            if (pauseScores != entry.PausedScores)
            {
                entry.PausedScores = pauseScores;
                settings.Flow.Request(settings.Processors.Topics.Scores, partition, pauseScores);
            }
        }

        private static bool Hysteresis(bool paused, bool full, bool drained) => paused ? !drained : full;

        /// <summary>One queue's pause bound: its share of the lane's budget, if there is one, never above <paramref name="ceiling"/>.</summary>
        private int QueueHigh(int ceiling, int partitions) =>
            settings.Budget is { } budget ? QueueBound.PerQueue(budget, partitions, settings.QueueFloor, ceiling) : ceiling;

        private void TryEmit()
        {
            if (IsAvailable(stage.outlet))
            {
                Emit(final: false);
            }
        }

        /// <summary>Pushes a batch when there is something to commit; false when there was nothing.</summary>
        private bool Emit(bool final)
        {
            var now = settings.Clock.GetUtcNow();
            bool items = owned.Values.Any(o => o.Processor.HasItems);
            bool progress = owned.Values.Any(o => o.Processor.Dirty) && (final || now - lastEmit >= settings.CheckpointInterval);
            if (!items && !progress)
            {
                return false;
            }

            var all = new List<CommitItem>();
            var checkpoints = new List<(PartitionSession, PartitionCheckpoint)>();
            foreach (var entry in owned.Values.Where(o => o.Processor.Dirty && !o.Processor.Session.Revoked))
            {
                var (taken, checkpoint) = entry.Processor.Take();
                all.AddRange(taken);
                checkpoints.Add((entry.Processor.Session, checkpoint));
            }

            lastEmit = now;
            var batch = new LaneBatch(lane, all, checkpoints) { FormedAt = Stopwatch.GetTimestamp() };
            if (final)
            {
                Emit(stage.outlet, batch, CompleteStage);
            }
            else
            {
                Push(stage.outlet, batch);
            }

            return true;
        }

        private void MaybePull()
        {
            if (upstreamDone || HasBeenPulled(stage.inlet) || IsClosed(stage.inlet))
            {
                return;
            }

            // Backpressure from the committer: stop reading while a full batch waits.
            int pending = owned.Values.Sum(o => o.Processor.PendingItems);
            if (pending < settings.MaxBatch)
            {
                Pull(stage.inlet);
            }
        }
    }

    private sealed class Owned(PartitionProcessor processor)
    {
        public PartitionProcessor Processor { get; } = processor;

        public DateTimeOffset? BlockedSince { get; set; }

        public long MergedAtBlock { get; set; } = -1;

        public long ReportedLate { get; set; }

        public long ReportedOpen { get; set; }

        public bool PausedTasks { get; set; }

        public bool PausedScores { get; set; }
    }
}

using Akka.Streams;
using Akka.Streams.Stage;
using PoQ.Consensus.Windows;
using PoQ.Ingest.Contract;
using PoQ.Pipeline.Model;

namespace PoQ.Pipeline.Stages;

/// <summary>
/// Windows scores per task: a thin Akka stage over the pure <see cref="TaskWindows{TSource}"/>. The stage owns
/// the clock (a <see cref="TimeProvider"/>, so tests drive time) and a repeating tick that closes windows at
/// their deadline; everything else is the state machine's decision. Parse refusals pass straight through so
/// that the downstream sees every record exactly once.
/// </summary>
public sealed class WindowStage : GraphStage<FlowShape<Ingested, WindowOutput>>
{
    private readonly Inlet<Ingested> inlet = new("windows.in");
    private readonly Outlet<WindowOutput> outlet = new("windows.out");
    private readonly WindowOptions options;
    private readonly TimeProvider clock;
    private readonly TimeSpan tickInterval;
    private readonly IReadOnlyCollection<string> closedBefore;

    /// <summary>Creates the stage.</summary>
    /// <param name="options">Deadline, quorum, unknown-task wait.</param>
    /// <param name="clock">Processing-time clock.</param>
    /// <param name="tickInterval">How often deadlines are checked.</param>
    /// <param name="closedBefore">Task ids already finalized before a restart (their scores are late, not unknown).</param>
    public WindowStage(WindowOptions options, TimeProvider clock, TimeSpan tickInterval, IReadOnlyCollection<string>? closedBefore = null)
    {
        this.options = options;
        this.clock = clock;
        this.tickInterval = tickInterval;
        this.closedBefore = closedBefore ?? [];
        Shape = new FlowShape<Ingested, WindowOutput>(inlet, outlet);
    }

    /// <inheritdoc />
    public override FlowShape<Ingested, WindowOutput> Shape { get; }

    /// <inheritdoc />
    protected override GraphStageLogic CreateLogic(Attributes inheritedAttributes) => new Logic(this);

    private sealed class Logic : TimerGraphStageLogic
    {
        private const string TickKey = "tick";
        private readonly WindowStage stage;
        private readonly TaskWindows<KafkaRecord> windows;
        private readonly List<ClosedWindow<KafkaRecord>> closed = [];
        private readonly List<WindowRejection<KafkaRecord>> rejected = [];

        public Logic(WindowStage stage)
            : base(stage.Shape)
        {
            this.stage = stage;
            windows = new TaskWindows<KafkaRecord>(stage.options);
            foreach (string taskId in stage.closedBefore)
            {
                windows.MarkClosed(taskId);
            }

            // Open windows are not finalized on shutdown: their offsets stay uncommitted and are read again next run.
            SetHandler(stage.inlet, onPush: OnPush, onUpstreamFinish: () => Complete(stage.outlet));
            SetHandler(stage.outlet, onPull: () =>
            {
                if (!HasBeenPulled(stage.inlet) && !IsClosed(stage.inlet))
                {
                    Pull(stage.inlet);
                }
            });
        }

        public override void PreStart() => ScheduleRepeatedly(TickKey, stage.tickInterval);

        protected override void OnTimer(object timerKey)
        {
            windows.OnTick(stage.clock.GetUtcNow(), closed, rejected);
            Flush();
        }

        private void OnPush()
        {
            var now = stage.clock.GetUtcNow();
            switch (Grab(stage.inlet))
            {
                case TaskArrived task:
                    var t = task.Task;
                    windows.OnTask(new WindowTask(t.TaskId, t.TaskType, t.InferenceNodeId, t.SubmittedAt, t.LatencyMs, t.Evaluators), task.Record, now, closed, rejected);
                    break;
                case ScoreArrived score:
                    var s = score.Score;
                    windows.OnScore(new WindowScore(s.ScoreId, s.TaskId, s.EvaluatorId, s.Score, s.LatencyMs, s.SubmittedAt), score.Record, now, closed, rejected);
                    break;
                case Refused refused:
                    Emit(stage.outlet, new WindowRefused(refused));
                    return;
            }

            if (!Flush())
            {
                Pull(stage.inlet);
            }
        }

        /// <summary>Emits what the windows decided; false when there was nothing.</summary>
        private bool Flush()
        {
            if (closed.Count == 0 && rejected.Count == 0)
            {
                return false;
            }

            var outputs = new List<WindowOutput>(closed.Count + rejected.Count);
            outputs.AddRange(closed.Select(c => (WindowOutput)new WindowClosed(c)));
            outputs.AddRange(rejected.Select(r => (WindowOutput)new WindowRefused(new Refused(new Rejection(r.ReasonCode, r.Message, r.Field), r.Source, EvaluatorOf(r.Source)))));
            closed.Clear();
            rejected.Clear();
            EmitMultiple(stage.outlet, outputs);
            return true;
        }

        private static string? EvaluatorOf(KafkaRecord record)
        {
            var parsed = WireParser.ParseScore(record.Value);
            return parsed.Value?.EvaluatorId;
        }
    }
}

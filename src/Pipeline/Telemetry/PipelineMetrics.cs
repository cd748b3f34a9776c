using System.Diagnostics.Metrics;
using PoQ.Pipeline.Commit;
using PoQ.Pipeline.Model;
using PoQ.Pipeline.Resilience;

namespace PoQ.Pipeline.Telemetry;

/// <summary>
/// The pipeline's instruments (System.Diagnostics.Metrics; <c>poq run --metrics-port</c> exports them in Prometheus
/// format): records consumed per topic, open task windows, tasks settled by status and close reason, dead letters by reason, commit latency and batch
/// size, each committed task's time per stage inside the instance, records merged out of the log's order, consumer lag per partition, partitions owned, trust epochs folded, and how long the database and the broker
/// have been unavailable. Names follow OpenTelemetry's conventions; the exporter turns <c>poq.tasks.settled</c> into
/// <c>poq_tasks_settled_total</c>.
/// </summary>
public sealed class PipelineMetrics : IDisposable
{
    /// <summary>The meter's name (what an exporter subscribes to).</summary>
    public const string MeterName = "PoQ.Pipeline";

    private readonly Meter meter = new(MeterName);
    private readonly Counter<long> consumed;
    private readonly Counter<long> settled;
    private readonly Counter<long> deadLetters;
    // Seconds from a millisecond to ten seconds (the SDK's default boundaries are meant for milliseconds).
    private static readonly InstrumentAdvice<double> Seconds = new() { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] };
    private readonly Histogram<double> commitDuration;
    private readonly Histogram<double> settleStage;
    private readonly Histogram<long> batchSize;
    private readonly Counter<long> lateRecords;
    private readonly Histogram<double> ledgerFold;
    private readonly Counter<long> ledgerDeltasFolded;
    private readonly Counter<long> escalations;
    private readonly UpDownCounter<long> openWindows;

    /// <summary>Creates the instruments; the observed ones read <paramref name="health"/> and the given sources when scraped.</summary>
    public PipelineMetrics(
        PipelineHealth health,
        Func<int> partitionsOwned,
        Func<IEnumerable<(string Topic, int Partition, long Lag)>> lag,
        Func<long?> epochsClosedThrough)
    {
        ArgumentNullException.ThrowIfNull(health);
        ArgumentNullException.ThrowIfNull(partitionsOwned);
        ArgumentNullException.ThrowIfNull(lag);
        ArgumentNullException.ThrowIfNull(epochsClosedThrough);
        consumed = meter.CreateCounter<long>("poq.records.consumed", "{record}", "Kafka records read, by topic.");
        settled = meter.CreateCounter<long>("poq.tasks.settled", "{task}", "Tasks committed, by status (reached: consensus at quorum or more; insufficient: closed below quorum) and close reason.");
        openWindows = meter.CreateUpDownCounter<long>("poq.windows.open", "{window}", "Task windows open in this instance's partitions (tasks still collecting scores).");
        deadLetters = meter.CreateCounter<long>("poq.dead_letters", "{record}", "Dead letters committed, by reason code.");
        commitDuration = meter.CreateHistogram<double>("poq.commit.duration", "s", "Duration of a lane batch's commit, retries included.", tags: null, advice: Seconds);
        settleStage = meter.CreateHistogram<double>(
            "poq.settle.stage.duration", "s", "A committed task's time in each stage inside this instance, by stage: " + string.Join("; ", TaskStamps.Stages.Select(s => $"{s.Name} ({s.Meaning})")) + ".", tags: null, advice: Seconds);
        batchSize = meter.CreateHistogram<long>("poq.commit.batch_size", "{task}", "Tasks in a committed lane batch.");
        escalations = meter.CreateCounter<long>("poq.escalations.requested", "{request}", "Escalation requests sent to poq.escalations (a restart re-sends a held task's request with the same id).");
        lateRecords = meter.CreateCounter<long>("poq.merge.late_records", "{record}", "Records merged out of the log's order after an idle-wait release (payouts may then differ from a replay of the log).");
        ledgerFold = meter.CreateHistogram<double>("poq.ledger.fold.duration", "s", "Duration of a fold of the ledgers' pending deltas into the ledger tables (this instance's folds).", tags: null, advice: Seconds);
        ledgerDeltasFolded = meter.CreateCounter<long>("poq.ledger.deltas_folded", "{commit}", "Commits' ledger delta rows this instance folded into the ledger tables.");
        meter.CreateObservableGauge("poq.partitions.owned", partitionsOwned, "{partition}", "Input partitions this instance owns.");
        meter.CreateObservableGauge(
            "poq.consumer.lag",
            () => lag().Select(l => new Measurement<long>(l.Lag, new KeyValuePair<string, object?>("topic", l.Topic), new KeyValuePair<string, object?>("partition", l.Partition))),
            "{record}",
            "Records on the broker not yet read, per owned topic-partition.");
        meter.CreateObservableGauge(
            "poq.trust.epoch.closed_through",
            () => epochsClosedThrough() is { } epoch ? [new Measurement<long>(epoch)] : Array.Empty<Measurement<long>>(),
            "{epoch}",
            "The last trust epoch folded (epoch trust only).");
        meter.CreateObservableGauge("poq.database.unavailable", () => health.Database.Elapsed.TotalSeconds, "s", "How long the database has been unavailable (0: available).");
        meter.CreateObservableGauge("poq.broker.unavailable", () => health.Broker.Elapsed.TotalSeconds, "s", "How long the broker has been unreachable (0: reachable).");
        meter.CreateObservableGauge(
            "poq.database.unavailable_since",
            () => health.Database.UnavailableSince is { } since ? [new Measurement<double>(since.ToUnixTimeMilliseconds() / 1000.0)] : Array.Empty<Measurement<double>>(),
            "s",
            "Unix time the current database outage began (absent while available).");
    }

    /// <summary>Counts records read from <paramref name="topic"/>.</summary>
    public void Consumed(string topic, long count) => consumed.Add(count, new KeyValuePair<string, object?>("topic", topic));

    /// <summary>Adds the change in open task windows.</summary>
    public void OpenWindowsChanged(long change) => openWindows.Add(change);

    /// <summary>Counts records merged out of the log's order.</summary>
    public void LateRecords(long count) => lateRecords.Add(count);

    /// <summary>Records a fold of the ledgers' deltas: the delta rows it folded and how long it took.</summary>
    public void LedgersFolded(long deltaRows, TimeSpan took)
    {
        ledgerFold.Record(took.TotalSeconds);
        ledgerDeltasFolded.Add(deltaRows);
    }

    /// <summary>Records a committed batch and how long its commit took.</summary>
    public void Committed(CommittedBatch batch, TimeSpan took)
    {
        ArgumentNullException.ThrowIfNull(batch);
        commitDuration.Record(took.TotalSeconds);
        escalations.Add(batch.Escalations.Count);
        Span<TimeSpan> stages = stackalloc TimeSpan[TaskStamps.Stages.Count];
        foreach (var (_, stamps) in batch.Stamps)
        {
            if (stamps.TryDurations(batch.Timing, stages))
            {
                for (int stage = 0; stage < stages.Length; stage++)
                {
                    settleStage.Record(stages[stage].TotalSeconds, new KeyValuePair<string, object?>("stage", TaskStamps.Stages[stage].Name));
                }
            }
        }

        long tasksInBatch = 0;
        foreach (var (_, tasks, letters) in batch.Parts)
        {
            foreach (var task in tasks)
            {
                tasksInBatch++;
                settled.Add(
                    1,
                    new KeyValuePair<string, object?>("status", task.Settlement.IsReached ? "reached" : "insufficient"),
                    new KeyValuePair<string, object?>("close_reason", task.Facts.CloseReason));
            }

            foreach (var letter in letters)
            {
                deadLetters.Add(1, new KeyValuePair<string, object?>("reason", letter.Reason));
            }
        }

        batchSize.Record(tasksInBatch);
    }

    /// <inheritdoc />
    public void Dispose() => meter.Dispose();
}

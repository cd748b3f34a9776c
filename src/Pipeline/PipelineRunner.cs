using System.Diagnostics;
using System.Globalization;
using Akka.Actor;
using Akka.Streams.Dsl;
using Akka.Streams;
using Confluent.Kafka;
using Marten;
using Npgsql;
using PoQ.Consensus.Windows;
using PoQ.Hosting.Kafka;
using PoQ.Pipeline.Checkpoints;
using PoQ.Pipeline.Clock;
using PoQ.Pipeline.Commit;
using PoQ.Pipeline.Kafka;
using PoQ.Pipeline.Model;
using PoQ.Pipeline.Output;
using PoQ.Ingest.Identity.Registry;
using PoQ.Pipeline.Partitions;
using PoQ.Pipeline.Registry;
using PoQ.Pipeline.Resilience;
using PoQ.Pipeline.Stages;
using PoQ.Pipeline.Telemetry;
using PoQ.Pipeline.Trust;
using PoQ.Projections.Store;

namespace PoQ.Pipeline;

/// <summary>
/// One pipeline instance: a member of the consumer group <see cref="PipelineOptions.Group"/> that owns the partitions
/// Kafka assigns it. Per lane: Kafka → merge the two topics by log time → classify → windows → settle against the trust
/// of the task's epoch → commit (effects + checkpoints, one transaction, fenced by owner generation) → publish. Lanes
/// commit concurrently; instances share the partitions; epochs fold through PostgreSQL. Start with
/// <see cref="StartAsync"/>, stop with <see cref="StopAsync"/> (graceful drain: reading stops, everything decided is
/// committed and published, open windows are left to the next owner).
/// </summary>
public sealed class PipelineRunner : IAsyncDisposable
{
    private readonly Resources resources;
    private readonly UniqueKillSwitch killSwitch;
    private readonly CancellationTokenSource background = new();
    private readonly List<Task> backgroundTasks = [];
    private readonly LedgerFolding ledgers;

    private PipelineRunner(Resources resources, UniqueKillSwitch killSwitch, Task completion, PipelineCounters counters, PipelineHealth health, LedgerFolding ledgers)
    {
        Health = health;
        this.ledgers = ledgers;
        this.resources = resources;
        this.killSwitch = killSwitch;
        Completion = completion;
        Counters = counters;
    }

    /// <summary>Completes when the stream ends; faults when it stopped on an error.</summary>
    public Task Completion { get; }

    /// <summary>What this instance committed since it started.</summary>
    public PipelineCounters Counters { get; }

    /// <summary>Whether the database and the broker are reachable, and since when not.</summary>
    public PipelineHealth Health { get; }

    /// <summary>Partitions this instance owns now.</summary>
    public IReadOnlyCollection<int> OwnedPartitions => resources.Ownership!.Sessions.Select(s => s.Partition).Order().ToList();

    /// <summary>The mechanism this instance settles with.</summary>
    public Settlement.Mechanism Mechanism => resources.Mechanism!;

    /// <summary>Connects, binds the store to the mechanism, joins the group and starts consuming.</summary>
    public static async Task<PipelineRunner> StartAsync(PipelineOptions options, Action<string> log, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        var problems = options.Problems();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(options));
        }

        var r = new Resources { Mechanism = options.Mechanism() };
        try
        {
            return await StartAsync(options, r, log, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await r.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async Task<PipelineRunner> StartAsync(PipelineOptions options, Resources r, Action<string> log, CancellationToken cancellationToken)
    {
        var mechanism = r.Mechanism!;
        r.Store = PipelineStore.Create(options.PostgresConnection);
        await r.Store.Storage.ApplyAllConfiguredChangesToDatabaseAsync().ConfigureAwait(false);
        r.Database = NpgsqlDataSource.Create(options.PostgresConnection);
        await Lz4Columns.ApplyAsync(r.Database, log, cancellationToken).ConfigureAwait(false);
        await UnsampledColumns.ApplyAsync(r.Database, cancellationToken).ConfigureAwait(false);
        int partitions = InputPartitions(options);
        await using (var connection = await r.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
        {
            await CheckpointStore.EnsureRowsAsync(connection, partitions, cancellationToken).ConfigureAwait(false);
        }

        await MechanismBinding.BindAsync(r.Database, r.Store, mechanism, cancellationToken).ConfigureAwait(false);
        bool sequential = mechanism.Epochs.IsSequential;
        if (sequential)
        {
            r.SequentialLock = await SequentialGuard.AcquireAsync(r.Database, cancellationToken).ConfigureAwait(false);
        }

        var (trust, coordinator) = await TrustSources.CreateAsync(options, mechanism, r.Database, r.Store, log, cancellationToken).ConfigureAwait(false);
        int lanes = sequential ? 1 : Math.Min(options.Lanes, partitions);
        r.Producer = new ProducerBuilder<string, byte[]>(KafkaSettings.Producer(options.KafkaBootstrap)).Build();
        var health = new PipelineHealth(options.MaxOutage, TimeProvider.System, log);
        health.Database.Changed += outage => log(Describe(outage));
        health.Broker.Changed += outage => log(Describe(outage));
        var publisher = new OutputPublisher(r.Producer, r.Database, r.Store, new OutputMessageFactory(options.Topics), health, log);
        r.Probe = new ConsumerBuilder<Ignore, Ignore>(KafkaSettings.Probe(options.KafkaBootstrap)).Build();
        var counters = new PipelineCounters();
        var flow = new FlowControl(counters.OnPartitionPaused);
        void OnLoss(DataLossReport loss)
        {
            log(loss.ToString());
            health.DatabasePolicy.ExecuteAsync(
                async token =>
                {
                    await using var connection = await r.Database!.OpenConnectionAsync(token).ConfigureAwait(false);
                    await CheckpointStore.RecordDataLossAsync(connection, loss.Partition, loss.ToString(), token).ConfigureAwait(false);
                },
                "data-loss record",
                CancellationToken.None).GetAwaiter().GetResult();
        }

        r.Ownership = new PartitionOwnership(r.Database, options, r.Probe, publisher.RepublishAsync, flow, health.DatabasePolicy, log, OnLoss);
        var ownership = r.Ownership;
        var consumer = new ConsumerBuilder<string?, byte[]>(KafkaSettings.Consumer(options.KafkaBootstrap, options.Group, options.InstanceId))
            .SetPartitionsAssignedHandler((_, assigned) => ownership.OnAssigned(assigned))
            .SetPartitionsRevokedHandler((_, revoked) => ownership.OnRevoked(revoked.Select(tpo => tpo.TopicPartition)))
            .SetPartitionsLostHandler((_, lost) => ownership.OnRevoked(lost.Select(tpo => tpo.TopicPartition)))
            .SetErrorHandler((_, error) =>
            {
                if (error.IsFatal)
                {
                    log($"kafka: fatal error {error.Code}: {error.Reason}");
                }
                else if (KafkaFaults.IsBrokerUnreachable(error))
                {
                    health.Broker.Failed(new KafkaException(error));
                }
            })
            .Build();
        r.Consumer = new ConsumerLease<string?, byte[]>(consumer);
        consumer.Subscribe([options.Topics.Tasks, options.Topics.Scores]);

        var registry = new KeyRegistry();
        r.Admin = new AdminClientBuilder(KafkaSettings.Admin(options.KafkaBootstrap, options.InstanceId)).Build();
        var endOffsets = new EndOffsets(r.Admin);
        r.Registry = new RegistryFollower(options.KafkaBootstrap, options.Topics.Registry, registry, options.InstanceId, endOffsets);
        var gate = new RegistryGate(r.Registry, r.Database, r.Store, publisher, health, log);
        gate.CatchUp();
        if (options.AllowUnsigned)
        {
            log("accepting unsigned scores (wire contract v1) besides signed ones: --allow-unsigned is for local trials");
        }

        var processors = new ProcessorSettings(options.Topics, new Classifier(options.Topics, options.MaxMessageBytes, new ScoreAuthenticator(registry, options.AllowUnsigned), options.SamplingSeed is { } seed ? new SamplingCheck(registry, seed) : null), Windows(options, registry), options.MaxClockSkew, mechanism);
        var idleWait = options.IdleWait;
        var laneSettings = new LaneSettings(processors, trust, flow, options.Clock, options.IdleWait, options.CheckpointInterval, options.MaxBatch)
        {
            Budget = options.BufferBudget / lanes,
            OpenWindowsChanged = change => r.Metrics?.OpenWindowsChanged(change),
            LateRecords = (partition, count, first) =>
            {
                r.Metrics?.LateRecords(count);
                if (first)
                {
                    log(string.Create(CultureInfo.InvariantCulture, $"partition {partition}: a record arrived after later records of the other topic were released on the idle wait ({idleWait.TotalMilliseconds:0} ms): from here its merge order differs from the log's, so a replay may pay differently; raise --idle-wait (poq_merge_late_records counts them)"));
                }
            },
        };
        var committers = Enumerable.Range(0, lanes).Select(_ => new LaneCommitter(r.Database, r.Store, mechanism, health.DatabasePolicy, log, r.SequentialLock)).ToArray();
        GroupRecordSource? reader = null;
        r.Metrics = new PipelineMetrics(health, () => ownership.Sessions.Count, () => reader?.Lag() ?? [], () => coordinator?.ClosedThrough);
        var metrics = r.Metrics;
        var source = reader = new GroupRecordSource(r.Consumer, ownership, flow, new FetchAlignment(options.FetchAlignmentWindow), endOffsets, lanes, maxBatch: 2_000, OnLoss, health.Broker, metrics, gate.CatchUp);
        // Akka's own log stays off: a stage failure reaches Completion and the supervision decider's one line; Akka would
        // print the same failure again with its stack trace.
        r.System = ActorSystem.Create("poq-pipeline", "akka.loglevel = OFF\nakka.stdout-loglevel = OFF");
        var commitAndPublish = Flow.Create<LaneBatch>()
            .SelectAsync(1, async (LaneBatch batch) =>
            {
                long started = Stopwatch.GetTimestamp();
                var committed = await committers[batch.Lane].CommitAsync(batch, CancellationToken.None).ConfigureAwait(false);
                committed.Timing = (batch.FormedAt, started, Stopwatch.GetTimestamp());
                metrics.Committed(committed, Stopwatch.GetElapsedTime(started));
                counters.OnCommitted(committed);
                return committed;
            })
            .SelectAsync(1, async (CommittedBatch committed) =>
            {
                await publisher.PublishAsync(committed, CancellationToken.None).ConfigureAwait(false);
                counters.Add(committed);
                return committed;
            });
        // The lane, its committer and its publisher run fused, behind one async boundary: the committer pulls the lane's
        // next batch only when it is free, so batches grow with load and a decided task waits for at most the commit in
        // progress. (With a boundary between them, Akka's input buffer of 16 let batches of a few tasks pile up ahead of
        // the committer: 0.7–1 s of queueing at 8k events/s.)
        var lane = Flow.FromGraph(new LaneStage(laneSettings)).Via(commitAndPublish).Async();
        // One substream per lane: its own stage (async boundary: lanes run on different threads), committer and publisher.
        var lanesOfRecords = source.Create()
            .ViaMaterialized(KillSwitches.Single<RecordChunk>(), Keep.Right)
            .GroupBy(lanes, chunk => chunk.Lane);
        var settled = (SubFlow<CommittedBatch, UniqueKillSwitch, IRunnableGraph<UniqueKillSwitch>>)lanesOfRecords.Via(lane);
        var (killSwitch, completion) = ((Source<CommittedBatch, UniqueKillSwitch>)settled.MergeSubstreams())
            .WithAttributes(ActorAttributes.CreateSupervisionStrategy(PipelineSupervision.StopLoudly(log)))
            .ToMaterialized(Sink.Ignore<CommittedBatch>(), Keep.Both)
            .Run(r.System.Materializer());
        var runner = new PipelineRunner(r, killSwitch, completion, counters, health, new LedgerFolding(r.Database!, options.LedgerFoldInterval, r.Metrics, log));
        runner.backgroundTasks.Add(Task.Run(() => runner.ledgers.RunAsync(runner.background.Token)));
        if (coordinator is not null)
        {
            runner.backgroundTasks.Add(Task.Run(() => coordinator.RunAsync(runner.background.Token)));
        }

        if (options.ClockInterval > TimeSpan.Zero)
        {
            var ticker = new ClockTicker(r.Producer, options.Topics, partitions, options.Clock, options.ClockInterval);
            runner.backgroundTasks.Add(Task.Run(() => ticker.RunAsync(runner.background.Token)));
        }

        log($"{options.InstanceId}: joined group '{options.Group}' ({partitions} partitions, {lanes} lane(s), mechanism {mechanism.Hash}: {mechanism.Rule.Name}, trust epoch {mechanism.Epochs})");
        return runner;
    }

    /// <summary>Graceful drain: stop reading, commit and publish what was decided, then stop.</summary>
    public async Task StopAsync()
    {
        killSwitch.Shutdown();
        try
        {
            await Completion.ConfigureAwait(false);
        }
        finally
        {
            await StopBackgroundAsync().ConfigureAwait(false);
            await ledgers.FinalAsync().ConfigureAwait(false);
            resources.Producer?.Flush(TimeSpan.FromSeconds(10));
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        killSwitch.Shutdown();
        try
        {
            await Completion.ConfigureAwait(false);
        }
        catch (Exception) when (Completion.IsFaulted)
        {
            // The failure was already reported through Completion to whoever awaited it.
        }

        await StopBackgroundAsync().ConfigureAwait(false);
        await ledgers.FinalAsync().ConfigureAwait(false);
        await resources.DisposeAsync().ConfigureAwait(false);
        background.Dispose();
    }

    private async Task StopBackgroundAsync()
    {
        await background.CancelAsync().ConfigureAwait(false);
        foreach (var task in backgroundTasks)
        {
            try
            {
                await task.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopping.
            }
        }

        backgroundTasks.Clear();
    }

    private static string Describe(Outage outage) => outage.UnavailableSince is { } since
        ? string.Create(CultureInfo.InvariantCulture, $"{outage.Dependency} unavailable since {since:HH:mm:ss}: {outage.LastError}; {(outage.Budget == Timeout.InfiniteTimeSpan ? "waiting for it (no budget: nothing is lost meanwhile)" : $"retrying for up to {outage.Budget.TotalSeconds:0} s (--max-outage)")}")
        : $"{outage.Dependency} available again";

    private static int InputPartitions(PipelineOptions options)
    {
        int tasks = KafkaPartitions.Of(options.KafkaBootstrap, options.Topics.Tasks, TimeSpan.FromSeconds(10)).Count;
        int scores = KafkaPartitions.Of(options.KafkaBootstrap, options.Topics.Scores, TimeSpan.FromSeconds(10)).Count;
        return tasks == scores
            ? tasks
            : throw new InvalidOperationException($"{options.Topics.Tasks} has {tasks} partitions and {options.Topics.Scores} {scores}: tasks and scores must be co-partitioned (same partition count, key = taskId)");
    }

    /// <summary>Everything an instance holds, disposed in reverse order.</summary>
    private sealed class Resources : IAsyncDisposable
    {
        public Settlement.Mechanism? Mechanism { get; init; }

        public DocumentStore? Store { get; set; }

        public NpgsqlDataSource? Database { get; set; }

        public SequentialGuard? SequentialLock { get; set; }

        public IProducer<string, byte[]>? Producer { get; set; }

        public IConsumer<Ignore, Ignore>? Probe { get; set; }

        public IAdminClient? Admin { get; set; }

        public ConsumerLease<string?, byte[]>? Consumer { get; set; }

        public RegistryFollower? Registry { get; set; }

        public PartitionOwnership? Ownership { get; set; }

        public ActorSystem? System { get; set; }

        public PipelineMetrics? Metrics { get; set; }

        public async ValueTask DisposeAsync()
        {
            // The source's last read may still be inside Consume on a worker thread: the lease closes once it has returned.
            Consumer?.Close(() => Ownership?.RevokeAll());

            Registry?.Dispose();
            Admin?.Dispose(); // after the consumer's close and the registry's: the source's last read and sync may have been asking it
            Probe?.Dispose();
            Producer?.Dispose();
            if (System is not null)
            {
                await System.Terminate().ConfigureAwait(false);
            }

            Metrics?.Dispose();
            if (SequentialLock is not null)
            {
                await SequentialLock.DisposeAsync().ConfigureAwait(false);
            }

            if (Database is not null)
            {
                await Database.DisposeAsync().ConfigureAwait(false);
            }

            Store?.Dispose();
        }
    }

    // The windows with the deployment's escalation, if any, drawing its extra evaluators from the followed registry.
    private static WindowOptions Windows(PipelineOptions options, KeyRegistry registry) => options.Escalation is { } policy
        ? options.Windows with { Escalation = new RegistryEscalation(registry, options.SamplingSeed ?? Settlement.Sampling.EvaluatorDraw.DefaultSeed, policy) }
        : options.Windows;
}

using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using Confluent.Kafka;
using Marten;
using PoQ.Consensus.Trust;
using PoQ.Pipeline.Commit;
using PoQ.Pipeline.Kafka;
using PoQ.Pipeline.Model;
using PoQ.Pipeline.Offsets;
using PoQ.Pipeline.Output;
using PoQ.Pipeline.Stages;
using PoQ.Projections.Documents;
using PoQ.Projections.Ledgers;
using PoQ.Projections.Settling;
using PoQ.Projections.Store;

namespace PoQ.Pipeline;

/// <summary>
/// The running pipeline: Kafka → classify → windows → settle → batch → commit (events + offsets, one
/// transaction) → publish. Start with <see cref="StartAsync"/>, stop with <see cref="StopAsync"/> (graceful
/// drain: reading stops, everything read and decided is committed and published, open windows are left to
/// the next run).
/// </summary>
public sealed class PipelineRunner : IAsyncDisposable
{
    private readonly ActorSystem system;
    private readonly IConsumer<string?, byte[]> consumer;
    private readonly IProducer<string, string> producer;
    private readonly DocumentStore store;
    private readonly UniqueKillSwitch killSwitch;

    private PipelineRunner(ActorSystem system, IConsumer<string?, byte[]> consumer, IProducer<string, string> producer, DocumentStore store, UniqueKillSwitch killSwitch, Task completion, BatchCommitter committer, CheckpointTracker tracker)
    {
        this.system = system;
        this.consumer = consumer;
        this.producer = producer;
        this.store = store;
        this.killSwitch = killSwitch;
        Completion = completion;
        Committer = committer;
        Tracker = tracker;
    }

    /// <summary>Completes when the stream ends; faults when it stopped on an error.</summary>
    public Task Completion { get; }

    /// <summary>Counters as of the last commit.</summary>
    public BatchCommitter Committer { get; }

    /// <summary>Offsets in flight.</summary>
    public CheckpointTracker Tracker { get; }

    /// <summary>Data losses detected since start.</summary>
    public IReadOnlyList<DataLossReport> DataLosses => dataLosses;

    private readonly List<DataLossReport> dataLosses = [];

    /// <summary>Restores state from PostgreSQL, republishes any unpublished outbox and starts consuming.</summary>
    public static async Task<PipelineRunner> StartAsync(PipelineOptions options, Action<string> log, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        var problems = options.Problems();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(options));
        }

        var store = PoqStore.Create(options.PostgresConnection);
        var restored = await RestoredState.LoadAsync(store, options.PostgresConnection, options.RecentTasksToRemember, cancellationToken).ConfigureAwait(false);
        var rule = options.Rule;
        if (restored.State.Rule.Length > 0 && restored.State.ParamsHash != rule.ParamsHash)
        {
            log($"note: continuing history recorded under rule {restored.State.Rule} ({restored.State.ParamsHash}) with {rule.Name} ({rule.ParamsHash})");
        }

        var ledger = TrustLedger.FromSnapshot(
            rule.Trust?.Parameters.InitialWeight ?? 1.0,
            restored.Trust.Select(t => new KeyValuePair<string, TrustEntry>(t.Id, new TrustEntry(t.Weight, t.Observations))),
            restored.State.LastTrustSequence);
        var settler = new TaskSettler(rule, options.Rewards, options.Windows.Quorum, ledger, restored.State.LastTaskSequence);
        var tracker = new CheckpointTracker(restored.Checkpoints);
        var committer = new BatchCommitter(
            store, tracker, new NodeLedgerBook(restored.Ledgers), new OutputMessageFactory(options.Topics), restored.State, settler.Configuration,
            restored.RecordedMechanisms.Contains(RestoredState.Key(settler.Configuration)), rule.Trust is not null, log);

        var producer = new ProducerBuilder<string, string>(KafkaSettings.Producer(options.KafkaBootstrap)).Build();
        var publisher = new OutboxPublisher(producer, log);
        foreach (var pending in restored.PendingOutbox)
        {
            log($"republishing outbox batch {pending.Id} ({pending.Messages.Count} messages) left by the previous run");
            await publisher.PublishAsync(pending, cancellationToken).ConfigureAwait(false);
            committer.MarkPublished(pending.Id);
        }

        var consumer = new ConsumerBuilder<string?, byte[]>(KafkaSettings.Consumer(options.KafkaBootstrap)).Build();
        var runner = default(PipelineRunner);
        var losses = new List<DataLossReport>();
        void OnLoss(DataLossReport loss)
        {
            lock (losses)
            {
                losses.Add(loss);
                restored.State.DataLoss.Add(loss.ToString());
            }

            log(loss.ToString());
        }

        Assign(consumer, options, tracker, OnLoss);
        var system = ActorSystem.Create("poq-pipeline", "akka.loglevel = WARNING\nakka.stdout-loglevel = WARNING");
        var materializer = system.Materializer();
        var classifier = new Classifier(options.Topics, options.MaxMessageBytes);
        var settle = new Settler(settler, options.Clock);
        (UniqueKillSwitch killSwitch, Task completion) = KafkaRecordSource.Create(consumer, tracker, maxBatch: 2_000, OnLoss)
            .ViaMaterialized(KillSwitches.Single<KafkaRecord>(), Keep.Right)
            .Select(classifier.Classify)
            .Via(new WindowStage(options.Windows, options.Clock, options.TickInterval, restored.RecentTasks))
            .Select(settle.Settle)
            .GroupedWithin(options.MaxBatch, options.BatchInterval)
            .SelectAsync(1, batch => committer.CommitAsync(batch.ToList(), CancellationToken.None))
            .SelectAsync(1, async outbox =>
            {
                await publisher.PublishAsync(outbox, CancellationToken.None).ConfigureAwait(false);
                committer.MarkPublished(outbox.Id);
                return outbox.Id;
            })
            .WithAttributes(ActorAttributes.CreateSupervisionStrategy(PipelineSupervision.StopLoudly(log)))
            .ToMaterialized(Sink.Ignore<long>(), Keep.Both)
            .Run(materializer);
        runner = new PipelineRunner(system, consumer, producer, store, killSwitch, completion, committer, tracker);
        runner.dataLosses.AddRange(losses);
        return runner;
    }

    /// <summary>Graceful drain: stop reading, commit and publish what was read and decided, then stop.</summary>
    public async Task StopAsync()
    {
        killSwitch.Shutdown();
        try
        {
            await Completion.ConfigureAwait(false);
        }
        finally
        {
            producer.Flush(TimeSpan.FromSeconds(10));
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

        consumer.Close();
        consumer.Dispose();
        producer.Dispose();
        await system.Terminate().ConfigureAwait(false);
        store.Dispose();
    }

    private static void Assign(IConsumer<string?, byte[]> consumer, PipelineOptions options, CheckpointTracker tracker, Action<DataLossReport> onLoss)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = options.KafkaBootstrap }).Build();
        var metadata = admin.GetMetadata(TimeSpan.FromSeconds(10));
        var assignments = new List<TopicPartitionOffset>();
        foreach (string topic in new[] { options.Topics.Tasks, options.Topics.Scores })
        {
            var topicMetadata = metadata.Topics.SingleOrDefault(t => t.Topic == topic)
                ?? throw new InvalidOperationException($"topic '{topic}' does not exist on {options.KafkaBootstrap}");
            foreach (var partition in topicMetadata.Partitions)
            {
                var tp = new TopicPartition(topic, partition.PartitionId);
                long? start = tracker.StartOffset(topic, partition.PartitionId);
                if (start is { } wanted)
                {
                    var bounds = consumer.QueryWatermarkOffsets(tp, TimeSpan.FromSeconds(10));
                    if (bounds.Low.Value > wanted)
                    {
                        onLoss(new DataLossReport(topic, partition.PartitionId, wanted, bounds.Low.Value));
                        start = bounds.Low.Value;
                    }
                }

                assignments.Add(new TopicPartitionOffset(tp, start is { } offset ? new Offset(offset) : Offset.Beginning));
            }
        }

        consumer.Assign(assignments);
    }
}

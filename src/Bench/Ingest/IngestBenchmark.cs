using System.Diagnostics;
using Confluent.Kafka;
using Marten;
using Npgsql;
using PoQ.Hosting.Kafka;
using PoQ.Ingest.Contract;
using PoQ.Ingest.Publishing;
using PoQ.Pipeline.Kafka;
using PoQ.Pipeline;
using PoQ.Projections.Store;
using PoQ.SimulatedFeed;
using PoQ.Simulation.Network;

namespace PoQ.Bench.Ingest;

/// <summary>
/// End-to-end ingest rate of the real pipeline (Kafka → settle → Marten commit) against two raw baselines run in the
/// same process on the same data: reading the input topics with a plain consumer, and binary COPY of the rows the
/// pipeline commits. Phases, in order: publish a seeded scenario (k scores per task, no bad messages; not part of
/// any rate but reported); the pipeline from offset 0 until every task's event is committed (its peak resident set
/// measured); the same into a PostgreSQL with fsync on; the latency phase at a steady rate; then the two baselines.
/// End to end, once: the figure is the ratio, not the absolute rate.
/// </summary>
public static class IngestBenchmark
{
    /// <summary>Runs every phase; throws when the pipeline fails, stalls past the timeout or the broker dropped data.</summary>
    public static async Task<IngestReport> RunAsync(IngestBenchOptions options, IProgress<IngestProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Problems();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(options));
        }

        // One clock record per partition at the end (no periodic ones: every partition is busy), so every window closes.
        var scenario = new NetworkScenarioOptions { Tasks = options.Tasks, K = options.K, BadMessageRatio = 0, Seed = options.Seed, RunId = "bench", TickInterval = TimeSpan.FromDays(365), TaskInterval = options.TaskInterval };
        var pipeline = new PipelineOptions { KafkaBootstrap = options.KafkaBootstrap, PostgresConnection = options.PostgresConnection, Group = "poq-bench", TrustEpoch = options.TrustEpoch, BufferBudget = options.BufferBudget, MaxBatch = options.MaxBatch,
            AllowUnsigned = !options.Signed, SamplingSeed = options.Signed ? Settlement.Sampling.EvaluatorDraw.DefaultSeed : null };
        var partitions = InputPartitions(options.KafkaBootstrap);
        int partitionCount = partitions.Count(p => p.Topic == TopicNames.Default.Tasks);
        long messages = options.Tasks + options.ScoreEvents + (2L * partitionCount);
        RequireEmpty(options.KafkaBootstrap, partitions);

        await using var exclusive = await BenchLock.AcquireAsync(options.PostgresConnection, cancellationToken).ConfigureAwait(false);
        await using var exclusiveFsyncOn = options.FsyncOnPostgresConnection is { } other ? await BenchLock.AcquireAsync(other, cancellationToken).ConfigureAwait(false) : null;

        // The event store starts empty and its schema exists before anything is timed (schema creation is not ingest).
        await BenchStore.ResetAsync(options.PostgresConnection, cancellationToken).ConfigureAwait(false);
        var (durability, postmaster) = await BenchStore.DescribeAsync(options.PostgresConnection, cancellationToken).ConfigureAwait(false);

        // Publish.
        var publishClock = Stopwatch.StartNew();
        using (var producer = new ProducerBuilder<string?, byte[]>(KafkaClientDefaults.BulkProducer(options.KafkaBootstrap, "poq-bench")).Build())
        {
            long sent = await SignedFeed.PublishAsync(
                producer, NetworkScenario.Generate(scenario), scenario.Evaluators, scenario.Start, TopicNames.Default, partitionCount, 0,
                Reporter(progress, IngestPhase.Publish, messages), cancellationToken, options.Signed).ConfigureAwait(false);
            if (sent != options.Tasks + options.ScoreEvents + 1)
            {
                throw new InvalidOperationException($"published {sent:N0} scenario messages, expected {options.Tasks + options.ScoreEvents + 1:N0}");
            }
        }

        var publishElapsed = publishClock.Elapsed;
        RequireComplete(options.KafkaBootstrap, partitions, messages);

        // The pipeline first, right after publishing: its memory figure must not carry what the baselines left behind.
        var run = await PipelineRun.RunAsync(pipeline, options.Tasks, options.Timeout, postmaster, options.MaxHeapMib, Reporter(progress, IngestPhase.Pipeline, options.Tasks), cancellationToken).ConfigureAwait(false);
        var (committedTasks, acceptedScores, deadLetters) = await CountCommittedAsync(options.PostgresConnection, cancellationToken).ConfigureAwait(false);
        double eventsPerSecond = acceptedScores / run.Elapsed.TotalSeconds;

        // The same log again into a server that syncs every commit to disk (when one is given).
        double? fsyncOn = null;
        string? fsyncOnDurability = null;
        if (options.FsyncOnPostgresConnection is { } durable)
        {
            await BenchStore.ResetAsync(durable, cancellationToken).ConfigureAwait(false);
            (fsyncOnDurability, int durablePostmaster) = await BenchStore.DescribeAsync(durable, cancellationToken).ConfigureAwait(false);
            var again = await PipelineRun.RunAsync(
                pipeline with { PostgresConnection = durable }, options.Tasks, options.Timeout, durablePostmaster, options.MaxHeapMib, Reporter(progress, IngestPhase.FsyncOn, options.Tasks), cancellationToken).ConfigureAwait(false);
            fsyncOn = options.ScoreEvents / again.Elapsed.TotalSeconds;
        }

        // Latency at a steady rate below the maximum: half the measured rate unless --rate says otherwise.
        double rate = options.Rate ?? eventsPerSecond / 2;
        var latency = await LatencyRun.RunAsync(options, rate, partitionCount, postmaster, Reporter(progress, IngestPhase.Latency, (long)Math.Round(rate * options.LatencySeconds / options.K)), cancellationToken).ConfigureAwait(false);

        // Baseline 1: consume.
        var consumeElapsed = await Task.Run(
            () => ConsumeBaseline.Run(options.KafkaBootstrap, partitions, messages, Reporter(progress, IngestPhase.Consume, messages), cancellationToken),
            cancellationToken).ConfigureAwait(false);

        // Baseline 2: COPY of the same committed data.
        IReadOnlyList<BenchEvent> events = BenchEvents.Build(NetworkScenario.Generate(scenario), pipeline, partitionCount);
        double eventBytes = events.Sum(e => (double)e.Body.Length) / options.Tasks;
        long copyRows = events.Count + options.Tasks;
        var copyElapsed = await CopyBaseline.RunAsync(options.PostgresConnection, events, Reporter(progress, IngestPhase.Copy, copyRows), cancellationToken).ConfigureAwait(false);

        return new IngestReport
        {
            Signed = options.Signed,
            Events = options.ScoreEvents,
            Tasks = options.Tasks,
            K = options.K,
            Partitions = partitionCount,
            Messages = messages,
            ProduceMessagesPerSecond = messages / publishElapsed.TotalSeconds,
            BaselineConsumeMessagesPerSecond = messages / consumeElapsed.TotalSeconds,
            BaselineConsumePerSecond = options.ScoreEvents / consumeElapsed.TotalSeconds,
            BaselineCopyRowsPerSecond = copyRows / copyElapsed.TotalSeconds,
            BaselineCopyPerSecond = options.ScoreEvents / copyElapsed.TotalSeconds,
            EventBytes = eventBytes,
            EventsPerSecond = eventsPerSecond,
            StartRssMib = run.StartRssMib,
            PeakRssMib = run.PeakRssMib,
            PeakManagedHeapMib = run.PeakManagedMib,
            FsyncOnEventsPerSecond = fsyncOn,
            FsyncOnDurability = fsyncOnDurability,
            Latency = latency,
            PipelineElapsed = run.Elapsed,
            Batches = run.Batches,
            AcceptedEvents = acceptedScores,
            DeadLetters = deadLetters,
            TasksCommitted = committedTasks,
            PostgresDurability = durability,
            Cpu = run.Cpu,
            Collections = run.Collections,
            GcPause = run.GcPause,
            AllocatedBytes = run.AllocatedBytes,
            PartitionPauses = run.PartitionPauses,
        };
    }

    private static IProgress<long>? Reporter(IProgress<IngestProgress>? progress, IngestPhase phase, long total) =>
        progress is null ? null : new PhaseProgress(progress, phase, total);

    private static List<TopicPartition> InputPartitions(string bootstrap)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrap }).Build();
        var metadata = admin.GetMetadata(TimeSpan.FromSeconds(10));
        var partitions = new List<TopicPartition>();
        foreach (string topic in new[] { TopicNames.Default.Tasks, TopicNames.Default.Scores })
        {
            var found = metadata.Topics.SingleOrDefault(t => t.Topic == topic)
                ?? throw new InvalidOperationException($"topic '{topic}' does not exist on {bootstrap}");
            partitions.AddRange(found.Partitions.Select(p => new TopicPartition(topic, p.PartitionId)));
        }

        return partitions;
    }

    /// <summary>The pipeline reads from offset 0: leftovers of an earlier run would be counted as this run's work.</summary>
    private static void RequireEmpty(string bootstrap, List<TopicPartition> partitions)
    {
        long present = Watermarks(bootstrap, partitions).Sum(w => w.High.Value);
        if (present > 0)
        {
            throw new InvalidOperationException($"the input topics already hold {present:N0} messages; the bench needs empty topics (use the embedded broker or fresh topics)");
        }
    }

    /// <summary>The embedded broker silently drops a partition's oldest data beyond ~5 MiB: a dropped message would be a fake loss.</summary>
    private static void RequireComplete(string bootstrap, List<TopicPartition> partitions, long messages)
    {
        var marks = Watermarks(bootstrap, partitions);
        long low = marks.Sum(w => w.Low.Value);
        long high = marks.Sum(w => w.High.Value);
        if (low > 0 || high != messages)
        {
            throw new InvalidOperationException($"the broker holds offsets [{low:N0}, {high:N0}) of {messages:N0} published messages: it dropped data (too many events per partition); use fewer events or more partitions");
        }
    }

    private static List<WatermarkOffsets> Watermarks(string bootstrap, List<TopicPartition> partitions)
    {
        using var consumer = new ConsumerBuilder<string?, byte[]>(KafkaSettings.Probe(bootstrap)).Build();
        return partitions.Select(p => consumer.QueryWatermarkOffsets(p, TimeSpan.FromSeconds(10))).ToList();
    }

    /// <summary>What PostgreSQL holds after the run: committed tasks, the scores in them, dead letters (the partitions' counters).</summary>
    private static async Task<(long Tasks, long Scores, long DeadLetters)> CountCommittedAsync(string connectionString, CancellationToken cancellationToken)
    {
        var totals = await PipelineTotals.LoadAsync(connectionString, cancellationToken).ConfigureAwait(false);
        return (totals.TasksFinalized + totals.TasksInsufficient, totals.ScoresAccepted, totals.DeadLetters);
    }

    private sealed class PhaseProgress(IProgress<IngestProgress> target, IngestPhase phase, long total) : IProgress<long>
    {
        public void Report(long value) => target.Report(new IngestProgress(phase, Math.Min(value, total), total));
    }
}

using System.Diagnostics;
using Confluent.Kafka.Admin;
using Confluent.Kafka;
using PoQ.Hosting.Kafka;
using PoQ.Ingest.Contract;
using PoQ.Ingest.Publishing;
using PoQ.Pipeline.Commit;
using PoQ.Pipeline;
using PoQ.Projections.Store;
using PoQ.SimulatedFeed;
using PoQ.Simulation.Network;

namespace PoQ.Bench.Ingest;

/// <summary>
/// The latency phase: a fresh scenario published in real time at a fixed rate while the pipeline runs, on fresh input
/// topics and an empty store. A task's settle latency is the wall time from handing its last score to the producer to
/// the commit of the batch that settled it (the commit observer of the runner, before publishing).
/// </summary>
public static class LatencyRun
{
    /// <summary>What the phase measured.</summary>
    /// <param name="Rate">Score events per second published (the target).</param>
    /// <param name="AchievedRate">Score events per second actually published.</param>
    /// <param name="Tasks">Tasks whose latency was measured.</param>
    /// <param name="P50Ms">Median latency, ms.</param>
    /// <param name="P99Ms">99th percentile latency, ms.</param>
    /// <param name="MaxMs">Largest latency, ms.</param>
    /// <param name="DeadLetters">Dead letters of the phase (a record that reached the pipeline more than the idle wait after records of the other topic with later timestamps is taken out of order — the idle-wait caveat of a live log).</param>
    /// <param name="Skipped">Why the phase did not run (null when it ran).</param>
    public sealed record Result(double Rate, double AchievedRate, int Tasks, double P50Ms, double P99Ms, double MaxMs, long DeadLetters, string? Skipped = null)
    {
        /// <summary>Where the latency went: each stage's median and 99th percentile, ms (<see cref="SettleStages.Names"/>; empty when the phase did not run).</summary>
        public IReadOnlyList<(string Stage, double P50Ms, double P99Ms)> Stages { get; init; } = [];

        /// <summary>Times a topic-partition was paused at the consumer by the buffer budget during the phase (its records then wait in the broker: <c>delivery</c>).</summary>
        public long PartitionPauses { get; init; }

        /// <summary>CPU seconds over the phase's pipeline run (this process includes the phase's producer and an embedded broker).</summary>
        public CpuSample Cpu { get; init; }

        /// <summary>Wall time of the phase's pipeline run, start to last commit.</summary>
        public TimeSpan Elapsed { get; init; }

        /// <summary>
        /// The machine's busy share of all its cores over the phase, 0–1 (NaN when not run or not measured). "Half the
        /// maximum rate" halves the pipeline's work but adds the producer's and the broker's, which the maximum was
        /// measured without; this says how loaded the machine was while the latency was measured.
        /// </summary>
        public double MachineBusy => Elapsed > TimeSpan.Zero ? Cpu.Machine / (Elapsed.TotalSeconds * Environment.ProcessorCount) : double.NaN;

        /// <summary>A phase that could not run, and why.</summary>
        public static Result NotRun(double rate, string why) => new(rate, double.NaN, 0, double.NaN, double.NaN, double.NaN, 0, why);
    }

    /// <summary>
    /// Tasks whose last score was sent this early are not measured: the group join, the first fetches and the commit
    /// path's first runs at small batch sizes belong to start-up, not to the steady state the figure describes.
    /// </summary>
    public static readonly TimeSpan Warmup = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long the phase's producer lingers to fill a batch (charged to <c>delivery</c>). The embedded broker (librdkafka's
    /// mock) finds a fetch's batch by a linear scan of the partition's batches, so its cost grows with the batches in the
    /// log: at the default 5 ms, 40k score events/s made ~200 batches a second per partition, and perf found the scan at
    /// 15 % of the machine's samples while the latency was measured — a cost of the mock, which a Kafka broker's offset
    /// index does not have. At 50 ms a batch holds ~30 records; p99 over three runs each at 39.5k score events/s:
    /// 1.2, 2.4 and 0.5 s at 5 ms (delivery p99 up to 2.2 s); 296, 267 and 466 ms at 50 ms (delivery p99 ≤ 122 ms).
    /// </summary>
    public static readonly TimeSpan ProducerLinger = TimeSpan.FromMilliseconds(50);

    /// <summary>Runs the phase; the store is reset first.</summary>
    public static async Task<Result> RunAsync(
        IngestBenchOptions options, double rate, int partitions, int postmasterPid, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rate);
        int tasks = (int)Math.Max(1, Math.Round(rate * options.LatencySeconds / options.K));
        TopicNames topics;
        try
        {
            topics = await CreateTopicsAsync(options, partitions).ConfigureAwait(false);
        }
        catch (KafkaException error)
        {
            return Result.NotRun(rate, $"the broker did not create the phase's topics ({error.Error.Reason}); an external librdkafka mock (`poq broker`) has no controller");
        }

        await BenchStore.ResetAsync(options.PostgresConnection, cancellationToken).ConfigureAwait(false);

        // Stamped like a live producer's records: log time starts now and runs at the publishing rate, so epochs and
        // windows pass in the log as fast as on the wall clock.
        var scenario = new NetworkScenarioOptions
        {
            Tasks = tasks, K = options.K, BadMessageRatio = 0, Seed = options.Seed + 1, RunId = "bench-latency", Start = DateTimeOffset.UtcNow.AddSeconds(1),
            TickInterval = TimeSpan.FromDays(365), TaskInterval = TimeSpan.FromTicks(Math.Max(1, (long)Math.Round(TimeSpan.TicksPerSecond * options.K / rate))),
        };
        var pipeline = new PipelineOptions { KafkaBootstrap = options.KafkaBootstrap, PostgresConnection = options.PostgresConnection, Group = "poq-bench-latency", Topics = topics, TrustEpoch = options.TrustEpoch, BufferBudget = options.BufferBudget, MaxBatch = options.MaxBatch,
            AllowUnsigned = !options.Signed, SamplingSeed = options.Signed ? Settlement.Sampling.EvaluatorDraw.DefaultSeed : null,
            ClockInterval = TimeSpan.FromSeconds(1), // a live log: the pipeline's clock records close what the end of publishing leaves open
        };
        var lastScoreSent = new Dictionary<string, long>(tasks, StringComparer.Ordinal);
        var latencies = new List<double>(tasks);
        var stages = new SettleStages();
        long measuredFrom = long.MaxValue;
        void OnCommitted(CommittedBatch batch)
        {
            long now = Stopwatch.GetTimestamp();
            lock (lastScoreSent)
            {
                foreach (var (taskId, stamps) in batch.Stamps)
                {
                    if (lastScoreSent.Remove(taskId, out long sent) && sent >= measuredFrom)
                    {
                        latencies.Add(Stopwatch.GetElapsedTime(sent, now).TotalMilliseconds);
                        stages.Add(sent, stamps, batch);
                    }
                }
            }
        }

        IEnumerable<ScenarioMessage> Tracked(IEnumerable<ScenarioMessage> messages)
        {
            foreach (var message in messages)
            {
                // Yielded just before it is produced: the instant its score enters the system.
                if (message is SimulatedScore score)
                {
                    lock (lastScoreSent)
                    {
                        lastScoreSent[score.TaskId] = Stopwatch.GetTimestamp();
                    }
                }

                yield return message;
            }
        }

        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var run = PipelineRun.RunAsync(pipeline, tasks, options.Timeout, postmasterPid, options.MaxHeapMib, progress, OnCommitted, started, cancellationToken);
        await Task.WhenAny(started.Task, run).ConfigureAwait(false);
        if (run.IsCompleted)
        {
            await run.ConfigureAwait(false);
        }

        double messageRate = rate * (options.K + 1) / options.K;
        var clock = Stopwatch.StartNew();
        measuredFrom = Stopwatch.GetTimestamp() + (long)(Warmup.TotalSeconds * Stopwatch.Frequency);
        var producerConfig = KafkaClientDefaults.Producer(options.KafkaBootstrap, "poq-bench-latency");
        producerConfig.LingerMs = ProducerLinger.TotalMilliseconds;
        using (var producer = new ProducerBuilder<string?, byte[]>(producerConfig).Build())
        {
            await Task.Run(
                () => SignedFeed.PublishAsync(producer, Tracked(NetworkScenario.Generate(scenario)), scenario.Evaluators, scenario.Start, topics, partitions, messageRate, null, cancellationToken, options.Signed),
                cancellationToken).ConfigureAwait(false);
        }

        double achieved = (double)tasks * options.K / clock.Elapsed.TotalSeconds;
        var finished = await run.ConfigureAwait(false);
        double[] sorted = [.. latencies.Order()];
        var totals = await PipelineTotals.LoadAsync(options.PostgresConnection, cancellationToken).ConfigureAwait(false);
        return new Result(rate, achieved, sorted.Length, Percentile(sorted, 0.50), Percentile(sorted, 0.99), sorted.Length == 0 ? double.NaN : sorted[^1], totals.DeadLetters)
        {
            Stages = stages.Percentiles(),
            PartitionPauses = finished.PartitionPauses,
            Cpu = finished.Cpu,
            Elapsed = finished.Elapsed,
        };
    }


    /// <summary>Nearest-rank percentile of sorted values (NaN when empty).</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double quantile)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        int rank = (int)Math.Ceiling(quantile * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    /// <summary>Fresh input topics (a unique suffix, so a shared broker's history never mixes in), co-partitioned.</summary>
    private static async Task<TopicNames> CreateTopicsAsync(IngestBenchOptions options, int partitions)
    {
        string suffix = DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", System.Globalization.CultureInfo.InvariantCulture);
        var topics = new TopicNames { Tasks = $"{TopicNames.Default.Tasks}.latency-{suffix}", Scores = $"{TopicNames.Default.Scores}.latency-{suffix}" };
        if (options.CreateTopic is { } create)
        {
            create(topics.Tasks, partitions);
            create(topics.Scores, partitions);
            return topics;
        }

        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = options.KafkaBootstrap }).Build();
        await admin.CreateTopicsAsync(
            [new TopicSpecification { Name = topics.Tasks, NumPartitions = partitions, ReplicationFactor = 1 }, new TopicSpecification { Name = topics.Scores, NumPartitions = partitions, ReplicationFactor = 1 }]).ConfigureAwait(false);
        return topics;
    }
}

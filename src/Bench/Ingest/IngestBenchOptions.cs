using System.Globalization;

namespace PoQ.Bench.Ingest;

/// <summary>What <see cref="IngestBenchmark"/> runs against and how much it sends.</summary>
public sealed class IngestBenchOptions
{
    /// <summary>The defaults (the property initializers), for whoever shows them; the endpoints are blank.</summary>
    public static IngestBenchOptions Defaults { get; } = new() { KafkaBootstrap = "", PostgresConnection = "" };

    /// <summary>Kafka bootstrap servers; topics <c>poq.tasks</c> and <c>poq.scores</c> must exist (the CLI creates them on the embedded broker).</summary>
    public required string KafkaBootstrap { get; init; }

    /// <summary>PostgreSQL connection string; the <c>poq</c> schema in it is dropped at start.</summary>
    public required string PostgresConnection { get; init; }

    /// <summary>A second PostgreSQL with fsync and synchronous commit on, for the fsync-on figure (none: the figure is left out).</summary>
    public string? FsyncOnPostgresConnection { get; init; }

    /// <summary>Score events per second published in the latency phase (default: half the measured pipeline rate).</summary>
    public double? Rate { get; init; }

    /// <summary>Creates a topic with a partition count (name, partitions); null: through the Kafka admin API (the embedded broker has no controller, so the CLI passes its own).</summary>
    public Action<string, int>? CreateTopic { get; init; }

    /// <summary>Trust epoch of the pipeline (default: the pipeline's default).</summary>
    public TimeSpan TrustEpoch { get; init; } = PoQ.Pipeline.PipelineOptions.DefaultTrustEpoch;

    /// <summary>Limit on the process's heap while a pipeline runs, MiB, as `poq run --max-heap` (default: none).</summary>
    public long? MaxHeapMib { get; init; }

    /// <summary>The pipeline's buffer budget (records ahead plus windows waiting for trust), as for `poq run`.</summary>
    public long BufferBudget { get; init; } = PoQ.Pipeline.PipelineOptions.Defaults.BufferBudget;

    /// <summary>Most settled tasks per lane ahead of its commit, as for `poq run --max-batch`.</summary>
    public int MaxBatch { get; init; } = PoQ.Pipeline.PipelineOptions.Defaults.MaxBatch;

    /// <summary>Length of the latency phase in seconds of publishing (default 20).</summary>
    public double LatencySeconds { get; init; } = 20;

    /// <summary>Score events to publish; N / k tasks are generated (default 200,000).</summary>
    public int Events { get; init; } = 200_000;

    /// <summary>Scores per task (default 5, the simulator's and the paper's default).</summary>
    public int K { get; init; } = 5;

    /// <summary>
    /// Score events per second of log time (the scenario's timestamp density; default 50,000): a network producing that
    /// many events stamps them that close together, and epochs, windows and idle waits run on those stamps.
    /// </summary>
    public double LogRate { get; init; } = 50_000;

    /// <summary>Simulated time between two tasks: k score events at <see cref="LogRate"/>.</summary>
    public TimeSpan TaskInterval => TimeSpan.FromTicks(Math.Max(1, (long)Math.Round(TimeSpan.TicksPerSecond * K / LogRate)));

    /// <summary>
    /// Signed traffic (default): scores signed by registered keys, verified by the pipeline, with each task's evaluator
    /// draw checked. False (<c>--unsigned</c>): wire contract v1 into a pipeline that accepts it, to price the checks.
    /// </summary>
    public bool Signed { get; init; } = true;

    /// <summary>Seed of the scenario (default 42).</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>Longest wait for the pipeline to commit every task (default 10 minutes).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Tasks generated: ⌊N / k⌋.</summary>
    public int Tasks => Events / K;

    /// <summary>Score events actually published: tasks × k (N rounded down to a multiple of k).</summary>
    public long ScoreEvents => (long)Tasks * K;

    /// <summary>Every problem, naming its option.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (MaxHeapMib is { } heap && PoQ.Hosting.HeapLimit.Problem("option 'max-heap'", heap) is { } heapProblem)
        {
            problems.Add(heapProblem);
        }

        if (K is < 1 or > 64)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"option 'k' = {K}: must be within [1, 64]"));
        }
        else if (Events < K)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"option 'events' = {Events}: must be at least k = {K}"));
        }

        if (string.IsNullOrWhiteSpace(KafkaBootstrap) || string.IsNullOrWhiteSpace(PostgresConnection))
        {
            problems.Add("options 'kafka' and 'postgres' are required");
        }

        if (!double.IsFinite(LogRate) || LogRate <= 0)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"option 'log-rate' = {LogRate}: must be positive"));
        }

        if (Rate is { } rate && (!double.IsFinite(rate) || rate <= 0))
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"option 'rate' = {rate}: must be positive"));
        }

        if (!double.IsFinite(LatencySeconds) || LatencySeconds <= 0)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"option 'latency-seconds' = {LatencySeconds}: must be positive"));
        }

        if (Timeout <= TimeSpan.Zero)
        {
            problems.Add("option 'timeout' must be positive");
        }

        return problems;
    }
}

using System.Globalization;
using PoQ.Consensus.Rules;
using PoQ.Consensus.Windows;
using PoQ.Ingest.Contract;
using PoQ.Rewards;
using PoQ.Settlement.Trust;
using PoQ.Settlement;

namespace PoQ.Pipeline;

/// <summary>Everything the stream pipeline needs; defaults are the embedded defaults of <c>poq run</c>.</summary>
public sealed record PipelineOptions
{
    /// <summary>Default trust epoch: 2 s of log time (README, "Time and trust").</summary>
    public static readonly TimeSpan DefaultTrustEpoch = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Every default in one place: the property initializers below, read through this instance (the endpoints are
    /// blank) by whoever shows or reuses a default — <c>poq run</c>'s options never repeat them.
    /// </summary>
    public static PipelineOptions Defaults { get; } = new() { KafkaBootstrap = "", PostgresConnection = "" };

    /// <summary>Kafka bootstrap servers.</summary>
    public required string KafkaBootstrap { get; init; }

    /// <summary>PostgreSQL connection string of the event store.</summary>
    public required string PostgresConnection { get; init; }

    /// <summary>Kafka consumer group: instances in one group share the partitions; default <c>poq</c>.</summary>
    public string Group { get; init; } = "poq";

    /// <summary>This instance's name in checkpoints and logs; default host name and process id.</summary>
    public string InstanceId { get; init; } = $"{Environment.MachineName}/{Environment.ProcessId}";

    /// <summary>The consensus rule.</summary>
    public ConsensusRule Rule { get; init; } = new TrustWeightedMeanRule();

    /// <summary>Reward constants.</summary>
    public RewardParameters Rewards { get; init; } = new();

    /// <summary>Window deadline, quorum, unknown-task wait, closed-task memory (log time).</summary>
    public WindowOptions Windows { get; init; } = new();

    /// <summary>Trust epoch length in log time; zero = the paper's sequential update (one instance, order dependent). Default 2 s.</summary>
    public TimeSpan TrustEpoch { get; init; } = DefaultTrustEpoch;

    /// <summary>Topic names.</summary>
    public TopicNames Topics { get; init; } = TopicNames.Default;

    /// <summary>Largest accepted message; larger ones are dead-lettered as oversized. Default 64 KiB.</summary>
    public int MaxMessageBytes { get; init; } = 64 * 1024;

    /// <summary>Independent settle-and-commit lanes of this instance (partitions are spread over them); default 4. Sequential trust uses one.</summary>
    public int Lanes { get; init; } = 4;

    /// <summary>Most settled tasks and dead letters per commit; default 4,000.</summary>
    public int MaxBatch { get; init; } = 4_000;

    /// <summary>
    /// Records buffered in the partitions' merges plus closed windows waiting for trust that this instance holds before it
    /// pauses the partitions holding the most (spread evenly over lanes, partitions and their queues, with a floor per
    /// queue). It bounds the pipeline's memory whatever the number of partitions owned; default 150,000.
    /// </summary>
    public long BufferBudget { get; init; } = 150_000;

    /// <summary>
    /// How long a partition's merge waits for the other topic when that topic is at its end before the buffered topic
    /// proceeds alone (Kafka Streams' max.task.idle.ms); default 200 ms. Longer waits protect determinism against a
    /// producer that writes one topic late; shorter ones lower latency.
    /// </summary>
    public TimeSpan IdleWait { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Records stamped further than this ahead of their partition's stream time are dead-lettered (clock_skew); zero (default) disables the check.</summary>
    public TimeSpan MaxClockSkew { get; init; } = TimeSpan.Zero;

    /// <summary>
    /// Accept unsigned scores (wire contract v1) besides signed ones: for local trials only (<c>--allow-unsigned</c>).
    /// Default false: a score without a valid signature by its evaluator's registered key is dead-lettered.
    /// </summary>
    public bool AllowUnsigned { get; init; }

    /// <summary>
    /// The public seed of the evaluator draw tasks must match (<c>hash-rank-v1</c> over the registry's active evaluators
    /// at the task's log time); null: a task's evaluator list is not checked (<c>poq run --sampling-seed</c>, default
    /// <c>poq</c>; <c>--unchecked-sampling</c> turns the check off).
    /// </summary>
    public string? SamplingSeed { get; init; }

    /// <summary>
    /// Disagreement escalation (<c>poq run --escalation-threshold</c>): a window whose scores' MAD exceeds the threshold
    /// holds its payout and asks the next evaluators of its draw (seed <see cref="SamplingSeed"/>, or the default seed)
    /// on <c>poq.escalations</c>, waiting <see cref="WindowOptions.EscalationDeadline"/> of log time. Null: off (default).
    /// </summary>
    public Settlement.Escalation.EscalationPolicy? Escalation { get; init; }

    /// <summary>
    /// Wall-clock interval at which this instance writes a clock record into every input partition (for producers that
    /// stamp wall-clock time, so idle partitions keep closing windows); zero (default) writes none — the simulator writes
    /// its own.
    /// </summary>
    public TimeSpan ClockInterval { get; init; } = TimeSpan.Zero;

    /// <summary>
    /// How far in log time the input partitions an instance reads may run ahead of its slowest one before they are paused
    /// (<see cref="Kafka.FetchAlignment"/>); default one trust epoch, at least 1 s.
    /// </summary>
    public TimeSpan FetchAlignmentWindow => TrustEpoch > TimeSpan.FromSeconds(1) ? TrustEpoch : TimeSpan.FromSeconds(1);

    /// <summary>How often epoch progress is checked and epochs are folded; default 50 ms.</summary>
    public TimeSpan EpochPollInterval { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>How often the ledgers' pending deltas are folded into the ledger tables (<c>LedgerFold</c>); default 1 s.</summary>
    public TimeSpan LedgerFoldInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Least time between two commits that only move checkpoints (clock records, skipped records); default 100 ms.</summary>
    public TimeSpan CheckpointInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// How long the database may stay unavailable (connection lost, server restarting, commits failing transiently)
    /// before the instance gives up and exits non-zero. Meanwhile commits are retried whole and the source backpressures.
    /// </summary>
    public TimeSpan MaxOutage { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Wall clock for waiting only (idle waits, polling, clock records); never an input to a payout.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>The mechanism these options settle with.</summary>
    public Mechanism Mechanism() => new(Rule, Rewards, Windows.Quorum, TrustEpochs.Of(TrustEpoch));

    /// <summary>Every problem with these options, each naming its option.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(KafkaBootstrap))
        {
            problems.Add("option 'kafka': a bootstrap address is required");
        }

        if (string.IsNullOrWhiteSpace(PostgresConnection))
        {
            problems.Add("option 'postgres': a connection string is required");
        }

        if (string.IsNullOrWhiteSpace(Group))
        {
            problems.Add("option 'group': a consumer group name is required");
        }

        if (MaxMessageBytes < 256)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"option 'max_message_bytes' = {MaxMessageBytes}: must be at least 256"));
        }

        if (MaxBatch < 1)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"option 'max_batch' = {MaxBatch}: must be at least 1"));
        }

        if (BufferBudget < 1_000)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"option 'buffer_budget' = {BufferBudget}: must be at least 1000 records"));
        }

        if (Lanes is < 1 or > 64)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"option 'lanes' = {Lanes}: must be within [1, 64]"));
        }

        if (TrustEpoch < TimeSpan.Zero || TrustEpoch.Ticks % TimeSpan.TicksPerMillisecond != 0)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"option 'trust_epoch' = {TrustEpoch}: must be 0 (sequential) or a whole number of milliseconds"));
        }

        if (IdleWait < TimeSpan.Zero || MaxClockSkew < TimeSpan.Zero || ClockInterval < TimeSpan.Zero)
        {
            problems.Add("options 'idle_wait', 'max_clock_skew' and 'clock_interval' must not be negative");
        }

        if (MaxOutage <= TimeSpan.Zero)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"option 'max_outage' = {MaxOutage}: must be positive"));
        }

        if (EpochPollInterval <= TimeSpan.Zero || CheckpointInterval <= TimeSpan.Zero)
        {
            problems.Add("options 'epoch_poll_interval' and 'checkpoint_interval' must be positive");
        }

        if (LedgerFoldInterval < TimeSpan.FromMilliseconds(1) || LedgerFoldInterval > TimeSpan.FromHours(1))
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"option 'ledger_fold_interval' = {LedgerFoldInterval}: must be between 1 ms and 1 h (pending deltas are read by every ledger reader)"));
        }

        problems.AddRange(Windows.Problems());
        problems.AddRange(Escalation?.Problems() ?? []);
        problems.AddRange(Rewards.Problems());
        return problems;
    }
}

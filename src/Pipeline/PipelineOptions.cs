using System.Globalization;
using PoQ.Consensus.Rules;
using PoQ.Consensus.Windows;
using PoQ.Rewards;

namespace PoQ.Pipeline;

/// <summary>Everything the stream pipeline needs; defaults are the embedded defaults of <c>poq run</c>.</summary>
public sealed record PipelineOptions
{
    /// <summary>Kafka bootstrap servers.</summary>
    public required string KafkaBootstrap { get; init; }

    /// <summary>PostgreSQL connection string of the event store.</summary>
    public required string PostgresConnection { get; init; }

    /// <summary>The consensus rule.</summary>
    public ConsensusRule Rule { get; init; } = new TrustWeightedMeanRule();

    /// <summary>Reward constants.</summary>
    public RewardParameters Rewards { get; init; } = new();

    /// <summary>Window deadline, quorum, unknown-task wait.</summary>
    public WindowOptions Windows { get; init; } = new();

    /// <summary>Topic names.</summary>
    public TopicNames Topics { get; init; } = TopicNames.Default;

    /// <summary>Largest accepted message; larger ones are dead-lettered as oversized. Default 64 KiB.</summary>
    public int MaxMessageBytes { get; init; } = 64 * 1024;

    /// <summary>Most settled items per committed batch; default 4,000.</summary>
    public int MaxBatch { get; init; } = 4_000;

    /// <summary>Longest wait before a partial batch is committed; default 200 ms.</summary>
    public TimeSpan BatchInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How often window deadlines are checked; default 100 ms.</summary>
    public TimeSpan TickInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How many recently finalized tasks to remember at start (their scores are late, not unknown).</summary>
    public int RecentTasksToRemember { get; init; } = 200_000;

    /// <summary>Processing-time clock.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

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

        if (MaxMessageBytes < 256)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"option 'max_message_bytes' = {MaxMessageBytes}: must be at least 256"));
        }

        if (MaxBatch < 1)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"option 'max_batch' = {MaxBatch}: must be at least 1"));
        }

        if (BatchInterval <= TimeSpan.Zero || TickInterval <= TimeSpan.Zero)
        {
            problems.Add("options 'batch_interval' and 'tick_interval' must be positive");
        }

        problems.AddRange(Windows.Problems());
        problems.AddRange(Rewards.Problems());
        return problems;
    }
}

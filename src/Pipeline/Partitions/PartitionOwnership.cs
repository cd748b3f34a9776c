using System.Collections.Concurrent;
using Confluent.Kafka;
using Npgsql;
using PoQ.Pipeline.Checkpoints;
using PoQ.Pipeline.Kafka;
using PoQ.Pipeline.Resilience;
using PoQ.Projections.Store;

namespace PoQ.Pipeline.Partitions;

/// <summary>
/// Turns the consumer group's assignments into owned partitions: on assignment, claims the partitions in PostgreSQL
/// (next owner generation), reads their checkpoints, republishes what their previous owner committed but did not
/// publish, and tells the consumer where to start; on revocation, ends the sessions so nothing of them is committed
/// again. Kafka decides who owns what; PostgreSQL fences whoever lost it. Called on the consumer's thread, inside poll.
/// </summary>
public sealed class PartitionOwnership(
    NpgsqlDataSource database,
    PipelineOptions options,
    IConsumer<Ignore, Ignore> probe,
    Func<int, CancellationToken, Task> republish,
    FlowControl flow,
    OutagePolicy databasePolicy,
    Action<string> log,
    Action<DataLossReport> onDataLoss)
{
    private readonly ConcurrentDictionary<int, PartitionSession> sessions = new();
    private int version;

    /// <summary>Changes with every assignment and revocation (the consumer forgets pauses then).</summary>
    public int AssignmentVersion => Volatile.Read(ref version);

    /// <summary>Partitions currently owned.</summary>
    public IReadOnlyCollection<PartitionSession> Sessions => sessions.Values.ToArray();

    /// <summary>The live session of a partition, or null when it is not owned.</summary>
    public PartitionSession? SessionOf(int partition) => sessions.GetValueOrDefault(partition);

    /// <summary>Claims newly assigned partitions; returns where to start reading each assigned topic-partition.</summary>
    public IEnumerable<TopicPartitionOffset> OnAssigned(IReadOnlyCollection<TopicPartition> assigned)
    {
        ArgumentNullException.ThrowIfNull(assigned);
        Interlocked.Increment(ref version);
        var partitions = assigned.Select(tp => tp.Partition.Value).Distinct().Order().ToArray();
        if (partitions.Length == 0)
        {
            return [];
        }

        // Inside the consumer's poll: during a database outage the claim waits (and so does consumption) within the budget.
        var claimed = databasePolicy.ExecuteAsync(token => ClaimAsync(partitions, token), "partition claim", CancellationToken.None).GetAwaiter().GetResult();
        var starts = new List<TopicPartitionOffset>();
        foreach (var session in claimed)
        {
            sessions[session.Partition] = session;
            foreach (var tp in assigned.Where(tp => tp.Partition.Value == session.Partition))
            {
                var restored = tp.Topic == options.Topics.Tasks ? session.Restored.Tasks : session.Restored.Scores;
                starts.Add(new TopicPartitionOffset(tp, Start(tp, restored)));
            }
        }

        var single = partitions.Where(p => assigned.Count(tp => tp.Partition.Value == p) != 2).ToList();
        if (single.Count > 0)
        {
            log($"warning: partitions {string.Join(",", single)} were assigned for one input topic only; their merge waits for the other (use the range assignor and equal partition counts)");
        }

        log($"{options.InstanceId}: owns partitions {Ranges(sessions.Keys)} (claimed {Generations(claimed)})");
        return starts;
    }

    /// <summary>Ends the sessions of revoked (or lost) partitions.</summary>
    public void OnRevoked(IEnumerable<TopicPartition> revoked)
    {
        ArgumentNullException.ThrowIfNull(revoked);
        Interlocked.Increment(ref version);
        foreach (int partition in revoked.Select(tp => tp.Partition.Value).Distinct())
        {
            if (sessions.TryRemove(partition, out var session))
            {
                session.Revoke();
                flow.Forget(partition);
            }
        }
    }

    /// <summary>Ends every session (shutdown).</summary>
    public void RevokeAll() => OnRevoked(sessions.Keys.Select(p => new TopicPartition(options.Topics.Tasks, p)).ToList());

    private async Task<IReadOnlyList<PartitionSession>> ClaimAsync(int[] partitions, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var checkpoints = await CheckpointStore.ClaimAsync(connection, partitions, options.InstanceId, cancellationToken).ConfigureAwait(false);
        var claimed = new List<PartitionSession>();
        foreach (var checkpoint in checkpoints.OrderBy(c => c.Partition))
        {
            await republish(checkpoint.Partition, cancellationToken).ConfigureAwait(false);
            var recent = await RecentlyClosedAsync(connection, checkpoint, cancellationToken).ConfigureAwait(false);
            claimed.Add(new PartitionSession(checkpoint, recent));
        }

        return claimed;
    }

    // Tasks recorded within the closed-task memory of the restart position: their late scores are late, not unknown.
    private async Task<IReadOnlyList<(string, DateTimeOffset)>> RecentlyClosedAsync(NpgsqlConnection connection, PartitionCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        var times = new[] { checkpoint.Tasks.Time, checkpoint.Scores.Time }.Where(t => t is not null).Select(t => t!.Value).ToList();
        if (times.Count == 0)
        {
            return [];
        }

        await using var command = new NpgsqlCommand(
            $"select task_id, closed_at from {PoqStore.Schema}.{PoqTables.TaskIndex} where partition = @partition and closed_at >= @since order by closed_at",
            connection);
        command.Parameters.AddWithValue("partition", checkpoint.Partition);
        command.Parameters.AddWithValue("since", times.Min() - options.Windows.ClosedTaskMemory);
        var recent = new List<(string, DateTimeOffset)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            recent.Add((reader.GetString(0), new DateTimeOffset(reader.GetFieldValue<DateTime>(1), TimeSpan.Zero)));
        }

        return recent;
    }

    private Offset Start(TopicPartition tp, TopicCheckpoint restored)
    {
        if (restored.Watermark is not { } wanted)
        {
            return Offset.Beginning;
        }

        // A committed position that is no longer on the broker is data loss: report it loudly, never skip silently.
        var bounds = probe.QueryWatermarkOffsets(tp, TimeSpan.FromSeconds(10));
        if (bounds.Low.Value > wanted)
        {
            onDataLoss(new DataLossReport(tp.Topic, tp.Partition.Value, wanted, bounds.Low.Value));
            return bounds.Low;
        }

        return new Offset(wanted);
    }

    // "generation 3" when one generation covers the claim, else the partitions of each generation.
    private static string Generations(IReadOnlyCollection<PartitionSession> claimed) =>
        string.Join("; ", claimed.GroupBy(c => c.Generation).OrderBy(g => g.Key).Select(g => claimed.Select(c => c.Generation).Distinct().Count() == 1
            ? $"generation {g.Key}"
            : $"generation {g.Key}: {Ranges(g.Select(c => c.Partition))}"));

    private static string Ranges(IEnumerable<int> partitions)
    {
        var sorted = partitions.Order().ToList();
        var parts = new List<string>();
        for (int i = 0; i < sorted.Count;)
        {
            int j = i;
            while (j + 1 < sorted.Count && sorted[j + 1] == sorted[j] + 1)
            {
                j++;
            }

            parts.Add(i == j ? $"{sorted[i]}" : $"{sorted[i]}-{sorted[j]}");
            i = j + 1;
        }

        return parts.Count == 0 ? "none" : string.Join(",", parts);
    }
}

using Npgsql;

namespace PoQ.Projections.Store;

/// <summary>The pipeline's counters summed over partitions (each partition's owner counts its own, in its checkpoint row).</summary>
/// <param name="TasksFinalized">Tasks settled with a consensus.</param>
/// <param name="TasksInsufficient">Tasks closed below quorum.</param>
/// <param name="ScoresAccepted">Scores accepted into windows.</param>
/// <param name="DeadLetters">Messages dead-lettered.</param>
/// <param name="Partitions">Partitions with a checkpoint.</param>
/// <param name="DataLoss">Data losses reported by any partition's owner.</param>
public sealed record PipelineTotals(long TasksFinalized, long TasksInsufficient, long ScoresAccepted, long DeadLetters, int Partitions, IReadOnlyList<string> DataLoss)
{
    /// <summary>Zeros: no checkpoint table yet.</summary>
    public static PipelineTotals None { get; } = new(0, 0, 0, 0, 0, []);

    /// <summary>Reads the totals (zeros when the table does not exist yet).</summary>
    public static async Task<PipelineTotals> LoadAsync(string connectionString, CancellationToken cancellationToken)
    {
        if (!await History.HistoryReader.TableExistsAsync(connectionString, PoqTables.PartitionCheckpoints, cancellationToken).ConfigureAwait(false))
        {
            return None;
        }

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            $$"""
            select coalesce(sum(tasks_settled), 0)::bigint, coalesce(sum(tasks_insufficient), 0)::bigint, coalesce(sum(scores_accepted), 0)::bigint,
                   coalesce(sum(dead_letters), 0)::bigint, count(*)::int, coalesce(array_agg(data_loss order by partition) filter (where data_loss is not null), '{}'::text[])
            from {{PoqStore.Schema}}.{{PoqTables.PartitionCheckpoints}}
            """,
            connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return new PipelineTotals(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt32(4), reader.GetFieldValue<string[]>(5));
    }
}

using Npgsql;
using NpgsqlTypes;
using PoQ.Settlement.Digest;

namespace PoQ.Projections.Replay;

/// <summary>
/// A digest whose per-task parts are sorted by PostgreSQL instead of in memory: the parts (task id, hash, payout) go
/// to a temporary table of the writer's session by COPY as the replay streams, and are read back in ordinal task id
/// order at the end (a disk sort when large). A million-task replay would otherwise hold ≈ 90 MB of parts — the only
/// thing in it that grew with the history.
/// </summary>
internal sealed class DigestSort(NpgsqlConnection connection)
{
    private const string Table = "pg_temp.poq_replay_digest";
    private readonly SettlementDigest hasher = new();

    /// <summary>Creates the session's table (empty).</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var create = new NpgsqlCommand(
            $"drop table if exists {Table}; create temporary table poq_replay_digest (task_id text collate \"C\" not null, hash bytea not null, payout double precision not null)",
            connection);
        await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The parts of a page's settled tasks (computed on the caller's thread).</summary>
    public List<(string TaskId, byte[] Hash, double Payout)> Parts(IEnumerable<Settlement.Events.TaskFinalized> settled) =>
        [.. settled.Select(t => (t.TaskId, hasher.HashOf(t), t.Settlement.TotalPaid))];

    /// <summary>Appends parts by COPY (synchronous: called from the replay's writer worker).</summary>
    public void Append(IReadOnlyList<(string TaskId, byte[] Hash, double Payout)> parts, CancellationToken cancellationToken)
    {
        using var writer = connection.BeginBinaryImport($"copy {Table} (task_id, hash, payout) from stdin (format binary)");
        foreach (var (taskId, hash, payout) in parts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            writer.StartRow();
            writer.Write(taskId, NpgsqlDbType.Text);
            writer.Write(hash, NpgsqlDbType.Bytea);
            writer.Write(payout, NpgsqlDbType.Double);
        }

        writer.Complete();
    }

    /// <summary>The digest of every part appended, combined in ordinal task id order; drops the table.</summary>
    public async Task<DigestResult> FinishAsync(CancellationToken cancellationToken)
    {
        using var combiner = new DigestCombiner();
        await using (var command = new NpgsqlCommand($"select task_id, hash, payout from {Table} order by task_id", connection))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                combiner.Add(reader.GetString(0), reader.GetFieldValue<byte[]>(1), reader.GetDouble(2));
            }
        }

        var result = combiner.Result();
        await using var drop = new NpgsqlCommand($"drop table {Table}", connection);
        await drop.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }
}

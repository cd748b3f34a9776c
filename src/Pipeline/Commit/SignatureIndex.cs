using System.Buffers.Binary;
using Npgsql;
using NpgsqlTypes;
using PoQ.Ingest.Contract;
using PoQ.Projections.Model;
using PoQ.Projections.Store;
using PoQ.Settlement.Events;
using Weasel.Postgresql.Tables;
using Weasel.Postgresql;

namespace PoQ.Pipeline.Commit;

/// <summary>
/// Every accepted signature, so a signed score re-sent for another task or under another scoreId is named for what it
/// is — <c>replayed_signature</c> — and not just a signature that does not verify. Its signature covers its task and
/// score ids, so such a score never verifies and is never paid either way; the index only makes the reason exact. A
/// replay is recognised in the commit, where the answer is global: the original may have been settled by any partition.
/// Rows hold the first 8 bytes of a signature (a non-unique index: two different signatures sharing them would only
/// make the reason less exact, never lose a score).
/// </summary>
public static class SignatureIndex
{
    /// <summary>The table.</summary>
    public const string Name = "score_signatures";

    private static readonly string Table = $"{PoqStore.Schema}.{Name}";

    /// <summary>The table's definition.</summary>
    public static Table Definition()
    {
        var table = new Table(new PostgresqlObjectName(PoqStore.Schema, Name, SchemaUtils.IdentifierUsage.General));
        table.AddColumn<long>("prefix").NotNull();
        table.AddColumn("task_id", "text").NotNull();
        table.AddColumn("score_id", "text").NotNull();
        table.Indexes.Add(new IndexDefinition("ix_score_signatures_prefix") { Columns = ["prefix"] });
        return table;
    }

    /// <summary>Indexes the signatures of the committed tasks' accepted scores (in the commit's transaction).</summary>
    public static async Task WriteAsync(NpgsqlConnection connection, IReadOnlyList<TaskFinalized> tasks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        if (!tasks.Any(t => t.Facts.AcceptedScores.Any(s => s.Signature is not null)))
        {
            return;
        }

        await using var writer = await connection.BeginBinaryImportAsync($"copy {Table} (prefix, task_id, score_id) from stdin (format binary)", cancellationToken).ConfigureAwait(false);
        foreach (var task in tasks)
        {
            foreach (var score in task.Facts.AcceptedScores)
            {
                if (score.Signature is { } signature)
                {
                    await writer.StartRowAsync(cancellationToken).ConfigureAwait(false);
                    await writer.WriteAsync(PrefixOf(signature), NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                    await writer.WriteAsync(task.TaskId, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                    await writer.WriteAsync(score.ScoreId, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Renames the <c>bad_signature</c> letters whose signature was accepted before — earlier, or in this very batch
    /// (<paramref name="batch"/>) — for another (task, score): <c>replayed_signature</c>, naming the original.
    /// </summary>
    public static async Task ReclassifyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<DeadLetterRecord> letters, IReadOnlyList<TaskFinalized> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(letters);
        var suspects = new List<(DeadLetterRecord Letter, ScoreSubmitted Score, long Prefix)>();
        foreach (var letter in letters)
        {
            if (letter.Reason == ReasonCodes.BadSignature && letter.PayloadEncoding == "utf8"
                && WireParser.ParseScore(System.Text.Encoding.UTF8.GetBytes(letter.Payload)) is { IsValid: true, Value: { Signature: { } signature } score })
            {
                suspects.Add((letter, score, PrefixOf(signature)));
            }
        }

        if (suspects.Count == 0)
        {
            return;
        }

        var originals = new Dictionary<long, (string TaskId, string ScoreId)>();
        foreach (var task in batch)
        {
            foreach (var score in task.Facts.AcceptedScores)
            {
                if (score.Signature is { } signature)
                {
                    originals.TryAdd(PrefixOf(signature), (task.TaskId, score.ScoreId));
                }
            }
        }

        await using (var command = new NpgsqlCommand($"select prefix, task_id, score_id from {Table} where prefix = any(@prefixes)", connection, transaction))
        {
            command.Parameters.AddWithValue("prefixes", suspects.Select(s => s.Prefix).Distinct().ToArray());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                originals.TryAdd(reader.GetInt64(0), (reader.GetString(1), reader.GetString(2)));
            }
        }

        foreach (var (letter, score, prefix) in suspects)
        {
            if (originals.TryGetValue(prefix, out var original) && (original.TaskId != score.TaskId || original.ScoreId != score.ScoreId))
            {
                letter.Reason = ReasonCodes.ReplayedSignature;
                letter.Error = $"signature: already accepted for score '{original.ScoreId}' of task '{original.TaskId}'; a signature is valid for the one task and scoreId it was made for";
                letter.Field = "signature";
            }
        }
    }

    private static long PrefixOf(byte[] signature) => BinaryPrimitives.ReadInt64BigEndian(signature);
}

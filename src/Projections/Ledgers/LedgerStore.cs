using System.Data;
using Npgsql;

namespace PoQ.Projections.Ledgers;

/// <summary>
/// One ledger table and its pending deltas (<see cref="LedgerDeltas"/>), read and folded as one: a read takes the
/// ledger's rows and the pending deltas in one snapshot and merges them per key; a fold moves deltas into the table,
/// merged per key, with the table's own upsert. Both merge with the row type's own addition, so a read gives the same
/// rows before and after a fold.
/// </summary>
/// <param name="deltas">The pending deltas' table.</param>
/// <param name="selectSql">The ledger's rows, of one node when parameter <c>@id</c> is not null.</param>
/// <param name="readRow">A row of <paramref name="selectSql"/>.</param>
/// <param name="decode">A delta row's rows.</param>
/// <param name="idOf">The node a row belongs to (the filter of a one-node read).</param>
/// <param name="merge">Rows of the same key added into one.</param>
/// <param name="addSql">The upsert of merged rows (positional parameters <c>$1</c>, <c>$2</c>, …).</param>
/// <param name="addParameters">The parameters of <paramref name="addSql"/>.</param>
public sealed class LedgerStore<TRow>(
    LedgerDeltas deltas,
    string selectSql,
    Func<NpgsqlDataReader, TRow> readRow,
    Func<byte[], IEnumerable<TRow>> decode,
    Func<TRow, string> idOf,
    Func<IEnumerable<TRow>, List<TRow>> merge,
    string addSql,
    Func<IReadOnlyCollection<TRow>, object[]> addParameters)
{
    // pg_(try_)advisory_xact_lock(key, hashtext(deltas table)): "poql" as ASCII.
    private const int LockKey = 0x706F716C;

    /// <summary>The pending deltas' table.</summary>
    public LedgerDeltas Deltas => deltas;

    /// <summary>The rows (all, or of node <paramref name="id"/>), one per key; none when the tables do not exist yet.</summary>
    public async Task<List<TRow>> ReadAsync(string connectionString, string? id, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);

        // One snapshot for both tables: a fold that moves deltas in between is seen entirely or not at all.
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
        var rows = new List<TRow>();
        try
        {
            await using var select = new NpgsqlCommand(selectSql, connection, transaction);
            select.Parameters.Add(new NpgsqlParameter<string?>("id", NpgsqlTypes.NpgsqlDbType.Text) { TypedValue = id });
            await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add(readRow(reader));
            }
        }
        catch (PostgresException error) when (error.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            // No pipeline has written this store yet.
            return [];
        }

        try
        {
            await using var pending = new NpgsqlCommand(deltas.ReadSql, connection, transaction);
            await using var reader = await pending.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.AddRange(decode(reader.GetFieldValue<byte[]>(0)).Where(r => id is null || idOf(r) == id));
            }
        }
        catch (PostgresException error) when (error.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            // A store written before ledgers had deltas (a pipeline creates the table when it opens the store): none pending.
        }

        return merge(rows);
    }

    /// <summary>
    /// Folds the deltas pending when called, <paramref name="page"/> rows per transaction; returns the delta rows folded.
    /// When another fold holds the lock, a fold that does not <paramref name="wait"/> leaves the rest to it (the
    /// periodic folds); one that waits takes its turn (a fold that must leave the table complete).
    /// </summary>
    public async Task<int> FoldAsync(NpgsqlDataSource database, int page, bool wait, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        int folded = 0;

        // Up to the newest row pending now: commits arriving meanwhile are the next fold's.
        var (oldest, newest) = await RangeAsync(connection, cancellationToken).ConfigureAwait(false);
        for (long from = oldest; from <= newest; from += page)
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            if (!await LockAsync(connection, transaction, wait, cancellationToken).ConfigureAwait(false))
            {
                break;
            }

            var rows = new List<TRow>();
            int taken = 0;
            await using (var take = new NpgsqlCommand(deltas.TakeSql, connection, transaction))
            {
                take.Parameters.Add(new NpgsqlParameter<long> { TypedValue = from });
                take.Parameters.Add(new NpgsqlParameter<long> { TypedValue = Math.Min(from + page - 1, newest) });
                await using var reader = await take.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    rows.AddRange(decode(reader.GetFieldValue<byte[]>(0)));
                    taken++;
                }
            }

            var merged = merge(rows);
            if (merged.Count > 0)
            {
                await using var add = new NpgsqlCommand(addSql, connection, transaction);
                foreach (object values in addParameters(merged))
                {
                    add.Parameters.Add(new NpgsqlParameter { Value = values });
                }

                await add.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            folded += taken;
        }

        return folded;
    }

    // (1, 0) when none is pending: the fold's loop does nothing.
    private async Task<(long Oldest, long Newest)> RangeAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(deltas.RangeSql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return reader.IsDBNull(0) ? (1, 0) : (reader.GetInt64(0), reader.GetInt64(1));
    }

    private async Task<bool> LockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, bool wait, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            wait ? "select true from pg_advisory_xact_lock(@key, hashtext(@name))" : "select pg_try_advisory_xact_lock(@key, hashtext(@name))", connection, transaction);
        command.Parameters.AddWithValue("key", LockKey);
        command.Parameters.AddWithValue("name", deltas.Name);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }
}

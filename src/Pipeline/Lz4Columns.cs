using Npgsql;
using PoQ.Pipeline.Trust;
using PoQ.Projections.Ledgers;
using PoQ.Projections.Store;

namespace PoQ.Pipeline;

/// <summary>
/// The large binary columns the commit writes — a settlement batch's body (<c>mt_events.bdata</c>, ~1 KB a task, MBs a
/// batch under load), an epoch's trust signals and the ledgers' deltas — are compressed with LZ4 rather than PostgreSQL's default pglz.
/// pglz compressed a 2.9 MB batch body in 68 ms, LZ4 in 14 ms (about the cost of storing it uncompressed) for 14 %
/// more bytes. The setting is per column and applies to values stored from then on; a server built without LZ4 keeps
/// pglz.
/// </summary>
public static class Lz4Columns
{
    private static readonly (string Table, string Column)[] Columns =
    [
        (PoqTables.Events, "bdata"),
        (TrustSignalTable.Name, "signals"),
        (NodeLedgerTable.Deltas.Name, "body"),
        (EvaluatorLedgerTable.Deltas.Name, "body"),
    ];

    /// <summary>
    /// Sets LZ4 on the columns that do not have it yet. Only then is <c>alter table</c> run: it is a catalog update, but
    /// it waits for an exclusive lock, and readers streaming the history would hold it up (and queue behind it).
    /// </summary>
    public static async Task ApplyAsync(NpgsqlDataSource database, Action<string> log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(log);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var (table, column) in Columns)
        {
            string qualified = $"{PoqStore.Schema}.{table}";
            if (await ColumnAttribute.HoldsAsync(connection, qualified, column, "attcompression = 'l'", cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            try
            {
                await using var alter = new NpgsqlCommand($"alter table {qualified} alter column {column} set compression lz4", connection);
                await alter.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (PostgresException error) when (error.SqlState == PostgresErrorCodes.FeatureNotSupported)
            {
                log($"PostgreSQL has no LZ4 ({error.MessageText}): large columns stay pglz-compressed, which costs commit time");
                return;
            }
        }
    }
}

using Npgsql;
using PoQ.Projections.Payouts;
using PoQ.Projections.Store;

namespace PoQ.Pipeline;

/// <summary>
/// Columns that no query filters or joins on get no planner statistics (<c>alter column … set statistics 0</c>):
/// ANALYZE then skips them. The payout blocks' reward arrays are the case that matters: to build element statistics,
/// ANALYZE detoasts and decompresses 30,000 sampled blocks' seven arrays — 0.45 s on a quiet machine, 1.3 s on the
/// loaded one, where autovacuum's first analyze of the table in a latency run stalled the lanes' commits for as long
/// (commit p50 20 → 132 ms; settle p99 of that run 338 ms, of three runs with autovacuum off 176–208 ms). Without the
/// arrays' statistics: 0.11 s alone.
/// </summary>
public static class UnsampledColumns
{
    private static readonly IEnumerable<(string Table, string Column)> Columns =
        NodePayoutTable.RewardArrayColumns.Select(column => (NodePayoutTable.Name, column));

    /// <summary>
    /// Turns statistics off for the columns that still have them. Only then is <c>alter table</c> run: it takes a lock
    /// that waits for a running ANALYZE or VACUUM of the table.
    /// </summary>
    public static async Task ApplyAsync(NpgsqlDataSource database, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var (table, column) in Columns)
        {
            string qualified = $"{PoqStore.Schema}.{table}";
            if (await ColumnAttribute.HoldsAsync(connection, qualified, column, "attstattarget = 0", cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            await using var alter = new NpgsqlCommand($"alter table {qualified} alter column {column} set statistics 0", connection);
            await alter.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}

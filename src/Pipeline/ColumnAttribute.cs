using Npgsql;

namespace PoQ.Pipeline;

/// <summary>
/// Reads a column's catalogue entry (<c>pg_attribute</c>): the settings applied at start (<see cref="Lz4Columns"/>,
/// <see cref="UnsampledColumns"/>) ask it first and run <c>alter table</c> only when the setting is missing, because
/// the alter waits for a lock that readers or a running ANALYZE may hold.
/// </summary>
internal static class ColumnAttribute
{
    /// <summary>Whether <paramref name="column"/> of <paramref name="qualifiedTable"/> satisfies <paramref name="predicate"/>, an SQL condition over <c>pg_attribute</c>'s columns.</summary>
    public static async Task<bool> HoldsAsync(NpgsqlConnection connection, string qualifiedTable, string column, string predicate, CancellationToken cancellationToken)
    {
        await using var check = new NpgsqlCommand($"select {predicate} from pg_attribute where attrelid = @table::regclass and attname = @column", connection);
        check.Parameters.AddWithValue("table", qualifiedTable);
        check.Parameters.AddWithValue("column", column);
        return await check.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true;
    }
}

using Npgsql;
using PoQ.Pipeline;
using PoQ.Projections.Store;

namespace PoQ.Bench.Ingest;

/// <summary>The bench's event store: emptied before each pipeline phase (schema creation is not ingest), and described.</summary>
public static class BenchStore
{
    /// <summary>Drops the PoQ and scratch schemas and creates the PoQ schema again, empty.</summary>
    public static async Task ResetAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var drop = new NpgsqlCommand($"drop schema if exists {PoqStore.Schema} cascade; drop schema if exists {CopyBaseline.Schema} cascade", connection);
            await drop.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        using var store = PipelineStore.Create(connectionString);
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync().ConfigureAwait(false);
    }

    /// <summary>The server's durability settings and its postmaster's pid when it runs on this machine (else 0).</summary>
    public static async Task<(string Durability, int Postmaster)> DescribeAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var settings = new NpgsqlCommand("select current_setting('fsync'), current_setting('synchronous_commit'), pg_backend_pid()", connection);
        await using var reader = await settings.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        string durability = $"fsync={reader.GetString(0)}, synchronous_commit={reader.GetString(1)}";
        return (durability, LocalParent(reader.GetInt32(2)));
    }

    /// <summary>The postmaster of a backend when the server runs on this machine (its CPU can then be measured), else 0.</summary>
    private static int LocalParent(int backendPid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{backendPid}/stat");
            bool isPostgres = stat.Contains("(postgres)", StringComparison.Ordinal);
            string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return isPostgres ? int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture) : 0;
        }
        catch (IOException)
        {
            return 0;
        }
        catch (UnauthorizedAccessException)
        {
            return 0;
        }
    }
}

using Npgsql;
using PoQ.Consensus.Rules;
using PoQ.Projections.Rebuild;
using PoQ.Projections.Store;
using PoQ.Projections.Verification;
using PoQ.Testing.Postgres;

namespace PoQ.Replay.Tests;

/// <summary>
/// The reward projections against a real PostgreSQL holding a history written through the pipeline's commit path (two
/// owner generations, batches of 128): Marten's rebuild gives exactly the live tables, and the streaming verifier
/// re-derives the ledgers and reports a tampered one.
/// </summary>
[Collection(PostgresFixture.Collection)]
public sealed class ProjectionRebuildTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Rebuild_EveryProjection_EqualsTheLiveProjection()
    {
        string connection = await new ReplayStoreTests(postgres).RecordAsync("rebuild_all", RuleCatalog.Create("robust-trust"));
        var live = await TablesAsync(connection);
        Assert.All(live, t => Assert.True(t.Value.Count > 10, $"{t.Key} holds {t.Value.Count} rows"));

        // Wreck the tables first: a rebuild must not depend on what was there.
        await ExecuteAsync(connection, string.Join(";", ProjectionCatalog.All.Select(p => $"delete from {p.Table} where random() < 0.5")));
        using var store = PoqStore.Create(connection);
        var progress = new List<(string Name, long Done, long Total)>();
        var results = await ProjectionRebuild.RunAsync(store, connection, [.. ProjectionCatalog.All.Select(p => p.Name)], new SynchronousProgress(progress.Add), CancellationToken.None);

        Assert.Equal(live, await TablesAsync(connection));
        Assert.All(results, r => Assert.Equal(ReplayStoreTests.TaskCount, r.Tasks));
        Assert.Equal(live.Values.Select(v => (long)v.Count), results.Select(r => r.Rows));
        Assert.All(ProjectionCatalog.All, p => Assert.Contains(progress, x => x.Name == p.Name && x.Done == x.Total && x.Total > 0));
    }

    [Fact]
    public async Task Rebuild_OneProjectionByName_LeavesTheOthersAlone()
    {
        string connection = await new ReplayStoreTests(postgres).RecordAsync("rebuild_one", RuleCatalog.Create("trust"));
        var live = await TablesAsync(connection);
        await ExecuteAsync(connection, $"delete from {ProjectionCatalog.TableOf("node_payouts")}; delete from {ProjectionCatalog.TableOf("node_ledgers")}");
        using var store = PoqStore.Create(connection);

        await ProjectionRebuild.RunAsync(store, connection, ["node_payouts"], null, CancellationToken.None);

        var after = await TablesAsync(connection);
        Assert.Equal(live["node_payouts"], after["node_payouts"]);
        Assert.Equal(live["evaluator_ledgers"], after["evaluator_ledgers"]);
        Assert.Empty(after["node_ledgers"]);
    }

    [Theory]
    [InlineData(50)]
    [InlineData(100_000)]
    public async Task Verify_Streamed_IsCleanAndNamesATamperedLedger(int pageSize)
    {
        string connection = await new ReplayStoreTests(postgres).RecordAsync("verify_pages_" + pageSize, RuleCatalog.Create("robust-trust"));
        using var store = PoqStore.Create(connection);
        await using (var session = store.QuerySession())
        {
            var clean = await AuditVerification.AllAsync(session, connection, CancellationToken.None, pageSize: pageSize);
            Assert.True(clean.Clean, string.Join("; ", clean.Mismatches.Take(5)));
            Assert.Equal(ReplayStoreTests.TaskCount, clean.TasksChecked);
        }

        await ExecuteAsync(connection, $"update {ProjectionCatalog.TableOf("node_ledgers")} set amount = amount + 0.000001 where node_id = (select min(node_id) from {ProjectionCatalog.TableOf("node_ledgers")} where role = 'inference') and partition = 0");
        await ExecuteAsync(connection, $"update {ProjectionCatalog.TableOf("evaluator_ledgers")} set settled = settled + 1 where partition = 1 and evaluator_id = (select min(evaluator_id) from {ProjectionCatalog.TableOf("evaluator_ledgers")})");
        await using (var session = store.QuerySession())
        {
            var report = await AuditVerification.AllAsync(session, connection, CancellationToken.None, pageSize: pageSize);
            Assert.Equal(2, report.Mismatches.Count);
            Assert.Contains(report.Mismatches, m => m.Field.StartsWith("node_ledger[inference:", StringComparison.Ordinal) && m.Field.EndsWith(":0].amount", StringComparison.Ordinal));
            Assert.Contains(report.Mismatches, m => m.Field.StartsWith("evaluator_ledger[", StringComparison.Ordinal) && m.Field.EndsWith(":1].settled", StringComparison.Ordinal));
        }
    }

    private static async Task<Dictionary<string, List<string>>> TablesAsync(string connectionString)
    {
        var tables = new Dictionary<string, List<string>>();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var (name, table) in ProjectionCatalog.All)
        {
            var rows = new List<string>();
            await using var command = new NpgsqlCommand($"select x::text from {table} x order by 1", connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows.Add(reader.GetString(0));
            }

            tables[name] = rows;
        }

        return tables;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private sealed class SynchronousProgress(Action<(string, long, long)> report) : IProgress<(string Name, long Done, long Total)>
    {
        public void Report((string Name, long Done, long Total) value) => report(value);
    }
}

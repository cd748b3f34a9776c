using Npgsql;
using PoQ.Projections.Ledgers;
using PoQ.Projections.Store;
using PoQ.Testing.Postgres;

namespace PoQ.Replay.Tests;

/// <summary>
/// The ledgers' pending deltas against a real PostgreSQL: a read gives the exact ledgers whatever has been folded, a fold
/// moves every delta into the table once (page by page, into rows that already hold folded deltas), and folds racing
/// each other and new commits lose and double nothing. Expected ledgers are computed apart, with LINQ.
/// </summary>
[Collection(PostgresFixture.Collection)]
public sealed class LedgerFoldTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Read_IsExactBeforeDuringAndAfterFolds_AndAFoldEmptiesTheDeltas()
    {
        string connection = await StoreAsync("ledger_fold");
        var nodes = LedgerDeltaSamples.NodeCommits(11, 50);
        var evaluators = LedgerDeltaSamples.EvaluatorCommits(12, 50);
        await using var database = NpgsqlDataSource.Create(connection);

        await InsertAsync(connection, nodes[..30], evaluators[..30]);
        await AssertReadsAsync(connection, nodes[..30], evaluators[..30]);

        // Pages of 7 commits: the last page is partial; each page lands in rows earlier pages created.
        Assert.Equal(30, await NodeLedgerTable.Store.FoldAsync(database, 7, wait: false, CancellationToken.None));
        Assert.Equal(30, await EvaluatorLedgerTable.Store.FoldAsync(database, 7, wait: false, CancellationToken.None));
        Assert.Equal(0, await PendingAsync(connection));
        await AssertReadsAsync(connection, nodes[..30], evaluators[..30]);

        // Pending deltas on top of folded rows read as one; folding them merges into the stored rows (the latest task
        // decided against the stored one).
        await InsertAsync(connection, nodes[30..], evaluators[30..]);
        await AssertReadsAsync(connection, nodes, evaluators);
        Assert.Equal(40, await LedgerFold.RunAsync(database, CancellationToken.None));
        Assert.Equal(0, await PendingAsync(connection));
        await AssertReadsAsync(connection, nodes, evaluators);
        Assert.Equal(LedgerDeltaSamples.Expected(nodes.SelectMany(c => c)).Count, await CountAsync(connection, NodeLedgerTable.QualifiedName));
    }

    [Fact]
    public async Task Reads_OneNode_CountItsPendingDeltasOnly()
    {
        string connection = await StoreAsync("ledger_fold_node");
        var nodes = LedgerDeltaSamples.NodeCommits(21, 12);
        var evaluators = LedgerDeltaSamples.EvaluatorCommits(22, 12);
        await InsertAsync(connection, nodes[..6], evaluators[..6]);
        await LedgerFold.CompleteAsync(connection, CancellationToken.None);
        await InsertAsync(connection, nodes[6..], evaluators[6..]);

        var one = await NodeLedgerTable.ReadAsync(connection, "n-3", CancellationToken.None);
        var evaluator = await EvaluatorLedgerTable.ReadAsync(connection, "e-1", CancellationToken.None);

        Assert.Equal(LedgerDeltaSamples.Expected(nodes.SelectMany(c => c).Where(d => d.NodeId == "n-3")), LedgerDeltaSamples.Rows(one));
        Assert.Equal(LedgerDeltaSamples.Expected(evaluators.SelectMany(c => c).Where(d => d.EvaluatorId == "e-1")), LedgerDeltaSamples.Rows(evaluator));
    }

    [Fact]
    public async Task Read_AStoreWrittenBeforeLedgersHadDeltas_ReadsItsLedgerRows()
    {
        string connection = await StoreAsync("ledger_fold_old");
        var nodes = LedgerDeltaSamples.NodeCommits(41, 5);
        var evaluators = LedgerDeltaSamples.EvaluatorCommits(42, 5);
        await InsertAsync(connection, nodes, evaluators);
        await LedgerFold.CompleteAsync(connection, CancellationToken.None);
        await using (var old = new NpgsqlConnection(connection))
        {
            await old.OpenAsync();
            await using var drop = new NpgsqlCommand($"drop table {NodeLedgerTable.Deltas.QualifiedName}; drop table {EvaluatorLedgerTable.Deltas.QualifiedName}", old);
            await drop.ExecuteNonQueryAsync();
        }

        await AssertReadsAsync(connection, nodes, evaluators);
    }

    [Fact]
    public async Task ACommitLandingAfterAFoldPassedItsId_IsCountedAndFoldedNextTime()
    {
        string connection = await StoreAsync("ledger_fold_late");
        var nodes = LedgerDeltaSamples.NodeCommits(51, 3);
        var evaluators = LedgerDeltaSamples.EvaluatorCommits(52, 3);
        await using var database = NpgsqlDataSource.Create(connection);

        // A commit takes the first id and stays open while two later ones commit and are folded.
        await using var slow = new NpgsqlConnection(connection);
        await slow.OpenAsync();
        await using var open = await slow.BeginTransactionAsync();
        await using (var insert = new NpgsqlCommand($"insert into {NodeLedgerTable.Deltas.QualifiedName} (body) values (@n)", slow, open))
        {
            insert.Parameters.AddWithValue("n", NodeLedgerCodec.Encode(nodes[0]));
            await insert.ExecuteNonQueryAsync();
        }

        await InsertAsync(connection, nodes[1..], evaluators);
        Assert.Equal(2, await NodeLedgerTable.Store.FoldAsync(database, 256, wait: false, CancellationToken.None));
        await open.CommitAsync();

        await AssertReadsAsync(connection, nodes, evaluators);
        Assert.Equal(1, await NodeLedgerTable.Store.FoldAsync(database, 256, wait: false, CancellationToken.None));
        Assert.Equal(0, await CountAsync(connection, NodeLedgerTable.Deltas.QualifiedName));
        await AssertReadsAsync(connection, nodes, evaluators);
    }

    [Fact]
    public async Task Folds_RacingEachOtherAndNewCommits_LoseAndDoubleNothing()
    {
        string connection = await StoreAsync("ledger_fold_race");
        var nodes = LedgerDeltaSamples.NodeCommits(31, 120);
        var evaluators = LedgerDeltaSamples.EvaluatorCommits(32, 120);
        await using var database = NpgsqlDataSource.Create(connection);
        using var stop = new CancellationTokenSource();

        async Task FoldUntilStoppedAsync()
        {
            while (!stop.IsCancellationRequested)
            {
                await NodeLedgerTable.Store.FoldAsync(database, 3, wait: false, CancellationToken.None);
                await EvaluatorLedgerTable.Store.FoldAsync(database, 3, wait: false, CancellationToken.None);
            }
        }

        var folders = new[] { Task.Run(FoldUntilStoppedAsync), Task.Run(FoldUntilStoppedAsync) };
        for (int i = 0; i < nodes.Count; i += 4)
        {
            await InsertAsync(connection, nodes[i..(i + 4)], evaluators[i..(i + 4)]);
            await AssertReadsAsync(connection, nodes[..(i + 4)], evaluators[..(i + 4)]);
        }

        await stop.CancelAsync();
        await Task.WhenAll(folders);
        await LedgerFold.CompleteAsync(database, CancellationToken.None);

        Assert.Equal(0, await PendingAsync(connection));
        await AssertReadsAsync(connection, nodes, evaluators);
    }

    private async Task<string> StoreAsync(string prefix)
    {
        string connection = await postgres.CreateDatabaseAsync(prefix);
        using var store = PoqStore.Create(connection);
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        return connection;
    }

    private static async Task AssertReadsAsync(string connection, List<List<Projections.Model.NodeLedger>> nodes, List<List<EvaluatorLedger>> evaluators)
    {
        Assert.Equal(LedgerDeltaSamples.Expected(nodes.SelectMany(c => c)), LedgerDeltaSamples.Rows(await NodeLedgerTable.ReadAsync(connection, null, CancellationToken.None)));
        Assert.Equal(LedgerDeltaSamples.Expected(evaluators.SelectMany(c => c)), LedgerDeltaSamples.Rows(await EvaluatorLedgerTable.ReadAsync(connection, null, CancellationToken.None)));
    }

    // As commits do: one row of encoded deltas per commit and ledger.
    private static async Task InsertAsync(string connectionString, List<List<Projections.Model.NodeLedger>> nodes, List<List<EvaluatorLedger>> evaluators)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var (table, body) in nodes.Select(n => (NodeLedgerTable.Deltas, NodeLedgerCodec.Encode(n))).Concat(evaluators.Select(e => (EvaluatorLedgerTable.Deltas, EvaluatorLedgerCodec.Encode(e)))))
        {
            await using var insert = new NpgsqlCommand($"insert into {table.QualifiedName} (body) values (@body)", connection);
            insert.Parameters.AddWithValue("body", body);
            await insert.ExecuteNonQueryAsync();
        }
    }

    private static async Task<long> PendingAsync(string connection) =>
        await CountAsync(connection, NodeLedgerTable.Deltas.QualifiedName) + await CountAsync(connection, EvaluatorLedgerTable.Deltas.QualifiedName);

    private static async Task<long> CountAsync(string connectionString, string table)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand($"select count(*) from {table}", connection);
        return (long)(await count.ExecuteScalarAsync())!;
    }
}

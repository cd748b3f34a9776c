using Npgsql;
using PoQ.Consensus.Rules;
using PoQ.Pipeline.Recording;
using PoQ.Projections.History;
using PoQ.Projections.Replay;
using PoQ.Projections.Store;
using PoQ.Settlement.Digest;
using PoQ.Testing.Postgres;

namespace PoQ.Replay.Tests;

/// <summary>
/// Replay against a real PostgreSQL holding a history recorded through the pipeline's own write path
/// (<see cref="HistoryRecorder"/>: claims, the lane committer, the epoch coordinator), batch by batch, with a restart
/// half way (new owner generations) and a malicious 30 % of the pool boosting.
/// </summary>
[Collection(PostgresFixture.Collection)]
public sealed class ReplayStoreTests(PostgresFixture postgres)
{
    private const int Tasks = 1_500;

    /// <summary>Tasks in a recorded history.</summary>
    internal const int TaskCount = Tasks;

    [Theory]
    [InlineData("trust")]
    [InlineData("robust-trust")]
    public async Task Replay_RecordedRule_ReproducesEveryConsensusTrustWeightAndRewardBitForBit(string ruleName)
    {
        var rule = RuleCatalog.Create(ruleName);
        string connection = await RecordAsync("replay_same_" + ruleName, rule);
        using var store = PoqStore.Create(connection);

        var history = await RecordedHistory.LoadAsync(store, connection, CancellationToken.None);

        // Small pages, so the replay crosses page boundaries inside epochs.
        var result = await ReplayAsync(store, connection, new ReplayRequest("same", rule, ReplayRange.All, PageSize: 97));
        var replayed = await ScenarioStore.TasksAsync(connection, "same");

        Assert.Equal(Tasks, history.Tasks.Count);
        Assert.Contains(history.Tasks, t => !t.Settlement.IsReached);
        Assert.NotEmpty(history.EpochCloses);
        Assert.Equal(Tasks, replayed.Count);
        for (int i = 0; i < history.Tasks.Count; i++)
        {
            Assert.True(TaskOutcome.From(history.Tasks[i], i + 1).IdenticalTo(TaskOutcome.From(replayed[i])), $"task {history.Tasks[i].TaskId} differs");
        }

        Assert.True(result.Comparison.Totals.Reproduces);
        Assert.Equal(0, result.Comparison.Totals.MaxAbsRewardDelta);

        // The replayed scenario carries the recorded history's digest (issue: "replay with the recorded rule reproduces the digest").
        var recordedDigest = new SettlementDigest();
        foreach (var task in await HistoryReader.ReadStoredAsync(connection, CancellationToken.None))
        {
            recordedDigest.Add(task);
        }

        Assert.Equal(recordedDigest.Finish().Digest, result.Run.Digest);

        // A range starting mid-history (after the restart, mid-epoch) reproduces too: trust starts from the recorded closes.
        var from = history.Tasks[1_000].Facts.ClosedAt;
        var tail = await ReplayAsync(store, connection, new ReplayRequest("tail", rule, new ReplayRange(from), PageSize: 64));
        var tailReplayed = await ScenarioStore.TasksAsync(connection, "tail");
        var tailRecorded = history.Tasks.Where(t => t.Facts.ClosedAt >= from).ToList();
        Assert.Equal(tailRecorded.Count, tail.Run.Tasks);
        Assert.True(tail.Comparison.Totals.Reproduces);
        Assert.All(tailReplayed.Zip(tailRecorded), p => Assert.True(TaskOutcome.From(p.Second, 0).IdenticalTo(TaskOutcome.From(p.First) with { Sequence = 0 })));
    }

    [Fact]
    public async Task EpochCloses_FoldedByTheCoordinator_EqualTheChainsFolds()
    {
        var rule = RuleCatalog.Create("robust-trust");
        string connection = await RecordAsync("replay_closes", rule);
        using var store = PoqStore.Create(connection);
        var history = await RecordedHistory.LoadAsync(store, connection, CancellationToken.None);
        var (facts, _) = SimulatedHistory.Facts(SimulatedHistory.Network(Tasks));
        var (_, expected) = SimulatedHistory.Settle(SimulatedHistory.Mechanism(rule), facts);

        // The pipeline's coordinator (reading committed tasks) and the pure chain fold the same epochs identically.
        Assert.Equal(expected.Select(c => (c.Epoch, c.Verdicts, c.Digest)), history.EpochCloses.Select(c => (c.Epoch, c.Verdicts, c.Digest)));
        Assert.Equal(expected.SelectMany(c => c.Changes), history.EpochCloses.SelectMany(c => c.Changes));
    }

    [Fact]
    public async Task WriteScenario_AnotherRule_WritesOnlyScenarioDocuments()
    {
        var recordedRule = RuleCatalog.Create("trust");
        string connection = await RecordAsync("replay_isolation", recordedRule);
        using var store = PoqStore.Create(connection);
        var before = await FingerprintAsync(connection);

        var history = await RecordedHistory.LoadAsync(store, connection, CancellationToken.None);
        var request = new ReplayRequest("median-what-if", RuleCatalog.Create("median"), ReplayRange.All, PageSize: 500);
        await ReplayAsync(store, connection, request);
        var run = (await ReplayAsync(store, connection, request)).Run; // replace: no duplicates

        Assert.Equal(before, await FingerprintAsync(connection));
        Assert.Equal(Tasks, (await ScenarioStore.TasksAsync(connection, "median-what-if")).Count);
        var stored = await ScenarioStore.FindAsync(store, "median-what-if", CancellationToken.None);
        Assert.Equal("median", stored!.Rule);
        Assert.Equal(run.TotalPayout, stored.TotalPayout);
        Assert.NotEqual(history.Tasks.Sum(t => t.Settlement.TotalPaid), stored.TotalPayout);
    }

    /// <summary>Runs a streaming replay, failing the test on a problem.</summary>
    internal static async Task<ReplayResult> ReplayAsync(Marten.IDocumentStore store, string connection, ReplayRequest request)
    {
        var (result, problem) = await StreamingReplay.RunAsync(store, connection, request, new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero), null, null, CancellationToken.None);
        Assert.True(result is not null, problem);
        return result!;
    }

    /// <summary>Records a history the way the pipeline does, with a restart after 60 % of the tasks, and folds its epochs.</summary>
    internal async Task<string> RecordAsync(string prefix, ConsensusRule rule)
    {
        string connection = await postgres.CreateDatabaseAsync(prefix);
        var mechanism = SimulatedHistory.Mechanism(rule);
        var (facts, _) = SimulatedHistory.Facts(SimulatedHistory.Network(Tasks));
        var (settled, _) = SimulatedHistory.Settle(mechanism, facts);
        await using var recorder = await HistoryRecorder.OpenAsync(connection, mechanism, SimulatedHistory.Partitions, CancellationToken.None);
        await recorder.RecordAsync(settled.Take(900), [], batchSize: 128, CancellationToken.None);
        await recorder.RestartAsync(CancellationToken.None);
        await recorder.RecordAsync(settled.Skip(900), [], batchSize: 128, CancellationToken.None);
        await recorder.FoldEpochsAsync(settled[^1].Facts.ClosedAt.AddSeconds(10), CancellationToken.None);
        return connection;
    }

    /// <summary>A digest of every row of every table in the recorded schema (events, streams, live documents).</summary>
    internal static async Task<string> FingerprintAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("select table_name from information_schema.tables where table_schema = @schema order by table_name", connection))
        {
            list.Parameters.AddWithValue("schema", PoqStore.Schema);
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var digest = new List<string>();
        foreach (string table in tables)
        {
            await using var hash = new NpgsqlCommand($"select count(*)::text || ':' || coalesce(md5(string_agg(x::text, '|' order by x::text)), '') from {PoqStore.Schema}.\"{table}\" x", connection);
            digest.Add($"{table}={await hash.ExecuteScalarAsync()}");
        }

        Assert.Contains(digest, d => d.StartsWith("mt_events=", StringComparison.Ordinal) && !d.StartsWith("mt_events=0:", StringComparison.Ordinal));
        return string.Join('\n', digest);
    }
}

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

    [Theory]
    [InlineData("trust")]
    [InlineData("robust-trust")]
    public async Task Replay_RecordedRule_ReproducesEveryConsensusTrustWeightAndRewardBitForBit(string ruleName)
    {
        var rule = RuleCatalog.Create(ruleName);
        string connection = await RecordAsync("replay_same_" + ruleName, rule);
        using var store = PoqStore.Create(connection);

        var history = await RecordedHistory.LoadAsync(store, connection, CancellationToken.None);
        var (plan, problem) = ReplayPlan.Resolve(history, "same", rule, ReplayRange.All);
        Assert.Null(problem);
        var replayed = plan!.Run();

        Assert.Equal(Tasks, history.Tasks.Count);
        Assert.Contains(history.Tasks, t => !t.Settlement.IsReached);
        Assert.NotEmpty(history.EpochCloses);
        for (int i = 0; i < history.Tasks.Count; i++)
        {
            Assert.True(TaskOutcome.From(history.Tasks[i], i + 1).IdenticalTo(TaskOutcome.From(replayed[i], i + 1)), $"task {history.Tasks[i].TaskId} differs");
        }

        var comparison = ScenarioComparison.Compare(
            ScenarioComparison.Recorded, [.. history.Tasks.Select((t, i) => TaskOutcome.From(t, i + 1))], "same", [.. replayed.Select((t, i) => TaskOutcome.From(t, i + 1))]);
        Assert.True(comparison.Totals.Reproduces);
        Assert.Equal(0, comparison.Totals.MaxAbsRewardDelta);

        // The replayed scenario carries the recorded history's digest (issue: "replay with the recorded rule reproduces the digest").
        var recordedDigest = new SettlementDigest();
        foreach (var task in await HistoryReader.ReadStoredAsync(connection, CancellationToken.None))
        {
            recordedDigest.Add(task);
        }

        var (run, _) = plan.Documents(replayed, DateTimeOffset.UnixEpoch);
        Assert.Equal(recordedDigest.Finish().Digest, run.Digest);

        // A range starting mid-history (after the restart, mid-epoch) reproduces too: trust starts from the recorded closes.
        var from = history.Tasks[1_000].Facts.ClosedAt;
        var (tail, _) = ReplayPlan.Resolve(history, "tail", rule, new ReplayRange(from));
        var tailReplayed = tail!.Run();
        Assert.Equal(Tasks - 1_000, tailReplayed.Count);
        Assert.All(tailReplayed.Zip(tail.Tasks), p => Assert.True(TaskOutcome.From(p.Second, 0).IdenticalTo(TaskOutcome.From(p.First, 0))));
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
        var (plan, _) = ReplayPlan.Resolve(history, "median-what-if", RuleCatalog.Create("median"), ReplayRange.All);
        var (run, tasks) = plan!.Documents(plan.Run(), new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero));
        await ScenarioStore.WriteAsync(store, run, tasks, CancellationToken.None);
        await ScenarioStore.WriteAsync(store, run, tasks, CancellationToken.None); // replace: no duplicates

        Assert.Equal(before, await FingerprintAsync(connection));
        Assert.Equal(Tasks, (await ScenarioStore.TasksAsync(store, "median-what-if", CancellationToken.None)).Count);
        var stored = await ScenarioStore.FindAsync(store, "median-what-if", CancellationToken.None);
        Assert.Equal("median", stored!.Rule);
        Assert.Equal(run.TotalPayout, stored.TotalPayout);
        Assert.NotEqual(history.Tasks.Sum(t => t.Settlement.TotalPaid), stored.TotalPayout);
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

using Npgsql;
using PoQ.Consensus.Rules;
using PoQ.Consensus.Trust;
using PoQ.Pipeline;
using PoQ.Pipeline.Commit;
using PoQ.Pipeline.Model;
using PoQ.Pipeline.Offsets;
using PoQ.Pipeline.Output;
using PoQ.Projections.Events;
using PoQ.Projections.Ledgers;
using PoQ.Projections.Replay;
using PoQ.Projections.Settling;
using PoQ.Projections.Store;
using PoQ.Rewards;
using PoQ.Testing.Postgres;

namespace PoQ.Replay.Tests;

/// <summary>
/// Replay against a real PostgreSQL holding a history recorded through the pipeline's own write path: the shared
/// settler and <see cref="BatchCommitter"/>, batch by batch, with a restart half way (trust restored from the
/// evaluator-trust documents, as <c>PipelineRunner</c> does) and a malicious 30 % of the pool boosting.
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
        Assert.Contains(history.Tasks, t => t.Settlement.Status == Settlement.Insufficient);
        for (int i = 0; i < history.Tasks.Count; i++)
        {
            Assert.True(TaskOutcome.From(history.Tasks[i]).IdenticalTo(TaskOutcome.From(replayed[i])), $"task {history.Tasks[i].TaskId} differs");
        }

        var comparison = ScenarioComparison.Compare(ScenarioComparison.Recorded, [.. history.Tasks.Select(TaskOutcome.From)], "same", [.. replayed.Select(TaskOutcome.From)]);
        Assert.True(comparison.Totals.Reproduces);
        Assert.Equal(0, comparison.Totals.MaxAbsRewardDelta);

        // A range starting mid-history (after the restart) reproduces too: trust starts from the recorded verdicts.
        var from = history.Tasks[1_000].Facts.ClosedAt;
        var (tail, _) = ReplayPlan.Resolve(history, "tail", rule, new ReplayRange(from));
        var tailReplayed = tail!.Run();
        Assert.Equal(Tasks - 1_000, tailReplayed.Count);
        Assert.All(tailReplayed.Zip(tail.Tasks), p => Assert.True(TaskOutcome.From(p.Second).IdenticalTo(TaskOutcome.From(p.First))));
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
        Assert.NotEqual(history.Tasks.Sum(t => TaskOutcome.From(t).Payout), stored.TotalPayout);
    }

    /// <summary>Records a history the way the pipeline does, with a restart after 60 % of the tasks.</summary>
    internal async Task<string> RecordAsync(string prefix, ConsensusRule rule)
    {
        string connection = await postgres.CreateDatabaseAsync(prefix);
        var (facts, _) = SimulatedHistory.Facts(SimulatedHistory.Network(Tasks));
        await RunPipelineAsync(connection, rule, facts.Take(900));
        await RunPipelineAsync(connection, rule, facts.Skip(900));
        return connection;
    }

    private static async Task RunPipelineAsync(string connection, ConsensusRule rule, IEnumerable<TaskFacts> facts)
    {
        using var store = PoqStore.Create(connection);
        var restored = await RestoredState.LoadAsync(store, connection, 10, CancellationToken.None);
        var ledger = TrustLedger.FromSnapshot(
            rule.Trust?.Parameters.InitialWeight ?? 1.0,
            restored.Trust.Select(t => new KeyValuePair<string, TrustEntry>(t.Id, new TrustEntry(t.Weight, t.Observations))),
            restored.State.LastTrustSequence);
        var settler = new TaskSettler(rule, new RewardParameters(), SimulatedHistory.Quorum, ledger, restored.State.LastTaskSequence);
        var committer = new BatchCommitter(
            store, new CheckpointTracker(restored.Checkpoints), new NodeLedgerBook(restored.Ledgers), new OutputMessageFactory(new TopicNames()), restored.State,
            settler.Configuration, restored.RecordedMechanisms.Contains(RestoredState.Key(settler.Configuration)), rule.Trust is not null, null);
        foreach (var batch in facts.Chunk(128))
        {
            await committer.CommitAsync([.. batch.Select(f => (Settled)new FinalizedTask(settler.Settle(f), []))], CancellationToken.None);
        }
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

        Assert.Contains(digest, d => d.StartsWith("mt_events=1", StringComparison.Ordinal));
        return string.Join('\n', digest);
    }
}

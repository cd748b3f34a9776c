using Npgsql;
using PoQ.Consensus.Rules;
using PoQ.Pipeline.Recording;
using PoQ.Projections.Detection;
using PoQ.Projections.History;
using PoQ.Projections.Queries;
using PoQ.Projections.Replay;
using PoQ.Projections.Store;
using PoQ.Settlement;
using PoQ.Settlement.Events;
using PoQ.Settlement.Trust;
using PoQ.Simulation.Attacks;
using PoQ.Simulation.Network;
using PoQ.Testing.Postgres;

namespace PoQ.Replay.Tests;

/// <summary>
/// <c>poq audit detect</c> against a real PostgreSQL holding a history recorded through the pipeline's write path, 30 %
/// of the pool copying the node's previous consensus: the flags become events once however often detection runs, the evaluator audit shows them and
/// a replay with <c>flagged_weight</c> applies them through the one settlement chain.
/// </summary>
[Collection(PostgresFixture.Collection)]
public sealed class DetectionStoreTests(PostgresFixture postgres)
{
    private const int Tasks = 1_500;

    [Fact]
    public async Task Detect_Twice_RecordsOneRunWithDeterministicIds_CoveringTheHistorysDigest()
    {
        var (connection, malicious) = await RecordAsync("detect_twice");
        using var store = PoqStore.Create(connection);

        var first = await DetectAsync(store, connection);
        var second = await DetectAsync(store, connection);

        Assert.True(first.Recorded);
        Assert.False(second.Recorded);
        Assert.Equal(first.Completed.RunId, second.Completed.RunId);
        Assert.Equal(first.Flags.Select(Describe), second.Flags.Select(Describe));
        Assert.NotEmpty(first.FlaggedEvaluators);
        Assert.All(first.FlaggedEvaluators, id => Assert.Contains(id, malicious));

        // One stream: each flag once, then the completion, every event id derived from the run and its place.
        var stored = await EventsAsync(connection, first.Completed.RunId);
        Assert.Equal(first.Flags.Count + 1, stored.Count);
        Assert.Equal(Enumerable.Range(0, stored.Count).Select(i => DetectionIds.Event(first.Completed.RunId, i)), stored.Select(e => e.Id));
        Assert.Equal(first.Flags.Count, first.Completed.Flags);

        var digest = await HistoryDigest.ComputeAsync(connection, CancellationToken.None);
        Assert.Equal(digest.Digest, first.Completed.Coverage.HistoryDigest);
        Assert.Equal(Tasks, first.Completed.Coverage.Tasks);
        Assert.StartsWith(DetectionIds.Stream(digest.Digest, new Settlement.Detection.DetectionOptions().Hash()), first.Completed.RunId, StringComparison.Ordinal);

        // Read back as stored: the flags' evidence survives the JSON round trip.
        await using var session = store.QuerySession();
        var latest = await DetectionLog.LatestAsync(session, CancellationToken.None);
        Assert.NotNull(latest);
        Assert.Equal(first.Flags.Select(Describe), latest!.Flags.Select(Describe));
        Assert.All(latest.Flags.Where(f => f.Kind == "collusion"), f => Assert.NotEmpty(f.Pairs));
    }

    [Fact]
    public async Task EvaluatorAudit_ShowsTheLatestRunsFlags_OnlyForFlaggedEvaluators()
    {
        var (connection, malicious) = await RecordAsync("detect_audit");
        using var store = PoqStore.Create(connection);
        await using var session = store.QuerySession();
        var before = await EvaluatorAuditQuery.LoadAsync(session, connection, malicious[0], 5, 10, CancellationToken.None);

        var run = await DetectAsync(store, connection);
        string flagged = run.FlaggedEvaluators[0];
        string honest = (await HistoryReader.ReadTasksAsync(connection, CancellationToken.None))
            .SelectMany(t => t.Facts.AcceptedScores).Select(s => s.EvaluatorId).First(id => !malicious.Contains(id));
        await using var after = store.QuerySession();
        var flaggedAudit = await EvaluatorAuditQuery.LoadAsync(after, connection, flagged, 5, 10, CancellationToken.None);
        var honestAudit = await EvaluatorAuditQuery.LoadAsync(after, connection, honest, 5, 10, CancellationToken.None);

        Assert.Null(before!.DetectionRun);
        Assert.Empty(before.Flags);
        Assert.Equal(run.Completed.RunId, flaggedAudit!.DetectionRun);
        Assert.Contains(flaggedAudit.Flags, f => f.Evaluators.Contains(flagged));
        Assert.Equal(run.Completed.RunId, honestAudit!.DetectionRun);
        Assert.Empty(honestAudit.Flags);
        string json = AuditJson.Serialize(flaggedAudit);
        Assert.Contains("\"flags\":[{\"kind\":", json, StringComparison.Ordinal);
        Assert.Contains("\"threshold\":", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_FlaggedWeight_DownWeightsTheRecordedFlagsThroughTheSettlementChain()
    {
        var (connection, _) = await RecordAsync("detect_replay");
        using var store = PoqStore.Create(connection);
        var flaggedRule = RuleCatalog.Create("trust", new Dictionary<string, string> { ["flagged_weight"] = "0.2" });

        var (missing, problem) = await StreamingReplay.RunAsync(store, connection, new ReplayRequest("early", flaggedRule, ReplayRange.All), At, null, null, CancellationToken.None);
        var run = await DetectAsync(store, connection);
        var result = await ReplayStoreTests.ReplayAsync(store, connection, new ReplayRequest("down", flaggedRule, ReplayRange.All, PageSize: 97));
        var plain = await ReplayStoreTests.ReplayAsync(store, connection, new ReplayRequest("plain", RuleCatalog.Create("trust"), ReplayRange.All));
        var replayed = await ScenarioStore.TasksAsync(connection, "down");

        Assert.Null(missing);
        Assert.Contains("poq audit detect", problem, StringComparison.Ordinal);
        Assert.Equal(run.Completed.RunId, result.Run.DetectionRun);
        Assert.Equal(run.FlaggedEvaluators, result.Run.FlaggedEvaluators);
        Assert.True(plain.Comparison.Totals.Reproduces);
        Assert.False(result.Comparison.Totals.Reproduces);

        // Every flagged verdict carried a fifth of its trust; every other one its trust.
        var flagged = run.FlaggedEvaluators.ToHashSet(StringComparer.Ordinal);
        var verdicts = replayed.Where(t => t.Consensus is not null).SelectMany(t => t.Verdicts).ToList();
        Assert.Contains(verdicts, v => flagged.Contains(v.EvaluatorId));
        Assert.All(verdicts, v => Assert.Equal(flagged.Contains(v.EvaluatorId) ? v.TrustBefore * 0.2 : v.TrustBefore, v.Weight, 12));
        double down = replayed.SelectMany(t => t.Verdicts).Where(v => flagged.Contains(v.EvaluatorId)).Sum(v => v.Reward);
        double recorded = (await HistoryReader.ReadTasksAsync(connection, CancellationToken.None)).SelectMany(t => t.Settlement.Verdicts).Where(v => flagged.Contains(v.EvaluatorId)).Sum(v => v.Reward);
        Assert.True(down < recorded, $"flagged evaluators were paid {down} down-weighted, {recorded} recorded");
    }

    private static readonly DateTimeOffset At = new(2026, 2, 1, 0, 0, 0, TimeSpan.Zero);

    private static string Describe(EvaluatorFlagged flag) => $"{flag.Kind}:{string.Join(",", flag.Evaluators)}:{flag.Statistic:R}:{flag.Threshold:R}:{flag.Pairs.Count}";

    private static async Task<DetectionRun> DetectAsync(Marten.IDocumentStore store, string connection)
    {
        var (run, problem) = await HistoryDetection.RunAsync(store, connection, null, null, CancellationToken.None);
        Assert.True(run is not null, problem);
        return run!;
    }

    private static async Task<List<(Guid Id, string Type)>> EventsAsync(string connectionString, string streamId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"select id, type from {PoqStore.Schema}.{PoqTables.Events} where stream_id = @id order by version", connection);
        command.Parameters.AddWithValue("id", streamId);
        var events = new List<(Guid, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            events.Add((reader.GetGuid(0), reader.GetString(1)));
        }

        return events;
    }

    // A history whose malicious 30 % copy: each reports the node's previous recorded consensus, settled task by task
    // through the one settlement chain so "previous" is what the history records; recorded through the pipeline's committer.
    private async Task<(string Connection, IReadOnlyList<string> Malicious)> RecordAsync(string prefix)
    {
        string connection = await postgres.CreateDatabaseAsync(prefix);
        var network = SimulatedHistory.Network(Tasks, AttackKind.Copy);
        var malicious = NetworkScenario.Generate(network).OfType<SimulatedScore>().Where(s => s.Malicious).Select(s => s.EvaluatorId).Distinct().Order(StringComparer.Ordinal).ToList();
        var mechanism = SimulatedHistory.Mechanism(RuleCatalog.Create("trust"));
        var (facts, _) = SimulatedHistory.Facts(network);
        var chain = new SettlementChain(mechanism, TrustSnapshot.Initial(mechanism.InitialWeight));
        var previous = new Dictionary<string, double>(StringComparer.Ordinal);
        var settled = new List<TaskFinalized>(facts.Count);
        for (int i = 0; i < facts.Count; i++)
        {
            var f = facts[i];
            var copied = previous.TryGetValue(f.InferenceNodeId, out double last)
                ? f with { AcceptedScores = [.. f.AcceptedScores.Select(s => malicious.Contains(s.EvaluatorId) ? s with { Score = last } : s)] }
                : f;
            settled.Add(chain.Settle(copied, i + 1));
            if (settled[^1].Settlement.Consensus is double consensus)
            {
                previous[f.InferenceNodeId] = consensus;
            }
        }

        await using var recorder = await HistoryRecorder.OpenAsync(connection, mechanism, SimulatedHistory.Partitions, CancellationToken.None);
        await recorder.RecordAsync(settled, [], batchSize: 128, CancellationToken.None);
        await recorder.FoldEpochsAsync(settled[^1].Facts.ClosedAt.AddSeconds(10), CancellationToken.None);
        return (connection, malicious);
    }
}

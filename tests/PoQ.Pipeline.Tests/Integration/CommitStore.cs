using Npgsql;
using PoQ.Consensus.Rules;
using PoQ.Pipeline.Checkpoints;
using PoQ.Pipeline.Commit;
using PoQ.Pipeline.Model;
using PoQ.Pipeline.Partitions;
using PoQ.Projections.Store;
using PoQ.Rewards;
using PoQ.Settlement.Events;
using PoQ.Settlement.Trust;
using PoQ.Settlement;
using PoQ.Testing.Postgres;

namespace PoQ.Pipeline.Tests.Integration;

/// <summary>A one-partition pipeline store and hand-made lane batches, for tests that drive the lane committer directly.</summary>
internal static class CommitStore
{
    public static readonly Mechanism Mechanism = new(new MedianRule(), new RewardParameters(), 1, TrustEpochs.Of(TimeSpan.FromSeconds(2)));

    public static async Task<(NpgsqlDataSource Database, Marten.DocumentStore Store)> OpenAsync(PostgresFixture postgres, string name)
    {
        string connection = await postgres.CreateDatabaseAsync(name);
        var store = PipelineStore.Create(connection);
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        var database = NpgsqlDataSource.Create(connection);
        await using var db = await database.OpenConnectionAsync();
        await CheckpointStore.EnsureRowsAsync(db, 1, CancellationToken.None);
        return (database, store);
    }

    public static LaneCommitter Committer(NpgsqlDataSource database, Marten.DocumentStore store) =>
        new(database, store, Mechanism, new PoQ.Pipeline.Resilience.PipelineHealth(TimeSpan.FromMinutes(1), TimeProvider.System, _ => { }).DatabasePolicy, _ => { });

    public static async Task<PartitionSession> ClaimAsync(NpgsqlDataSource database, string owner)
    {
        await using var connection = await database.OpenConnectionAsync();
        var checkpoint = Assert.Single(await CheckpointStore.ClaimAsync(connection, [0], owner, CancellationToken.None));
        return new PartitionSession(checkpoint, []);
    }

    /// <summary>A batch of partition 0 settling one task per id (each with one score), checkpointed at <paramref name="watermark"/>.</summary>
    public static LaneBatch Batch(PartitionSession session, long watermark, params string[] taskIds)
    {
        var at = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var items = taskIds.Select((taskId, i) =>
        {
            var facts = new TaskFacts
            {
                TaskId = taskId, TaskType = "qa", InferenceNodeId = "inf-1", SubmittedAt = at, InferenceLatencyMs = 100, SampledEvaluators = ["e-1"],
                TaskSource = new SourceRef(0, i), TaskTime = at, AcceptedScores = [new RecordedScore($"s-{taskId}-{i}", "e-1", 5, 10, at, new SourceRef(0, i))],
                CloseReason = CloseReasons.AllScored, ClosedAt = at, ClosedBy = new RecordRef("poq.scores", 0, i),
            };
            var task = SettlementDecider.Decide(facts, 0, TrustSnapshot.Initial(1), Mechanism);
            var record = new KafkaRecord("poq.tasks", 0, i, taskId, [], at);
            return (CommitItem)new SettledTask(task, record, [record with { Topic = "poq.scores" }]);
        }).ToList();
        return new LaneBatch(0, items, [(session, Checkpoint(session, watermark))]);
    }

    public static PartitionCheckpoint Checkpoint(PartitionSession session, long watermark) => new()
    {
        Partition = 0,
        Generation = session.Generation,
        Tasks = new TopicCheckpoint(watermark, null, []),
        Scores = new TopicCheckpoint(watermark, null, []),
    };

    public static async Task<long> CountAsync(NpgsqlDataSource database, string table)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var command = new NpgsqlCommand($"select count(*) from {PoqStore.Schema}.{table}", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public static async Task<T> ScalarAsync<T>(NpgsqlDataSource database, string sql)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}

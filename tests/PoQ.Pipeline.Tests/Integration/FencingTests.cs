using Npgsql;
using PoQ.Consensus.Rules;
using PoQ.Pipeline.Checkpoints;
using PoQ.Pipeline.Commit;
using PoQ.Pipeline.Model;
using PoQ.Pipeline.Output;
using PoQ.Pipeline.Partitions;
using PoQ.Pipeline;
using PoQ.Projections.Store;
using PoQ.Rewards;
using PoQ.Settlement.Events;
using PoQ.Settlement.Trust;
using PoQ.Settlement;
using PoQ.Testing.Postgres;

namespace PoQ.Pipeline.Tests.Integration;

/// <summary>
/// Owner generations fence zombies: an instance that lost a partition (another claimed it) can no longer commit for it —
/// its transaction finds another generation on the locked checkpoint row — and a claim waits for a commit in flight.
/// </summary>
[Collection(PostgresFixture.Collection)]
public sealed class FencingTests(PostgresFixture postgres)
{
    private static readonly Mechanism Mechanism = new(new MedianRule(), new RewardParameters(), 1, TrustEpochs.Of(TimeSpan.FromSeconds(2)));

    [Fact]
    public async Task Commit_ByAnOwnerThatLostThePartition_IsRefusedAndTheNewOwnersCommitLands()
    {
        var (database, store) = await OpenAsync("fencing_zombie");
        await using var _ = database;
        using var __ = store;
        var zombie = await ClaimAsync(database, "instance-a");
        var owner = await ClaimAsync(database, "instance-b");
        Assert.Equal(zombie.Generation + 1, owner.Generation);
        var committer = new LaneCommitter(database, store, Mechanism, new PoQ.Pipeline.Resilience.PipelineHealth(TimeSpan.FromMinutes(1), TimeProvider.System, _ => { }).DatabasePolicy, _ => { });

        var refused = await committer.CommitAsync(Batch(zombie, "t-zombie"), CancellationToken.None);

        Assert.True(refused.IsEmpty);
        Assert.Empty(refused.OutboxIds);
        Assert.True(zombie.Revoked);
        Assert.Equal(0, await CountAsync(database, PoqTables.TaskIndex));

        var landed = await committer.CommitAsync(Batch(owner, "t-owner"), CancellationToken.None);
        Assert.Single(landed.OutboxIds);
        Assert.Equal(1, landed.TaskCount);
        Assert.Equal(1, await CountAsync(database, PoqTables.TaskIndex));
        Assert.False(owner.Revoked);
    }

    [Fact]
    public async Task Claim_WhileACommitHoldsTheRow_WaitsForItThenFencesTheOldOwner()
    {
        var (database, store) = await OpenAsync("fencing_inflight");
        await using var _ = database;
        using var __ = store;
        var first = await ClaimAsync(database, "instance-a");

        // A commit of the first owner is in flight: it holds the checkpoint row.
        await using var inFlight = await database.OpenConnectionAsync();
        await using var transaction = await inFlight.BeginTransactionAsync();
        Assert.Empty(await CheckpointStore.LockAsync(inFlight, transaction, new Dictionary<int, long> { [0] = first.Generation }, CancellationToken.None));
        var claim = ClaimAsync(database, "instance-b");
        await Task.Delay(500);
        Assert.False(claim.IsCompleted, "the claim must wait for the commit in flight");
        await CheckpointStore.WriteAsync(inFlight, transaction, [Checkpoint(first, 7)], CancellationToken.None);
        await transaction.CommitAsync();

        var second = await claim;
        Assert.Equal(7, second.Restored.Tasks.Watermark); // the new owner resumes after the first owner's last commit
        var committer = new LaneCommitter(database, store, Mechanism, new PoQ.Pipeline.Resilience.PipelineHealth(TimeSpan.FromMinutes(1), TimeProvider.System, _ => { }).DatabasePolicy, _ => { });
        await committer.CommitAsync(Batch(first, "t-late"), CancellationToken.None);
        Assert.True(first.Revoked);
        Assert.Equal(0, await CountAsync(database, PoqTables.TaskIndex));
    }

    private async Task<(NpgsqlDataSource Database, Marten.DocumentStore Store)> OpenAsync(string name)
    {
        string connection = await postgres.CreateDatabaseAsync(name);
        var store = PipelineStore.Create(connection);
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        var database = NpgsqlDataSource.Create(connection);
        await using var db = await database.OpenConnectionAsync();
        await CheckpointStore.EnsureRowsAsync(db, 1, CancellationToken.None);
        return (database, store);
    }

    private static async Task<PartitionSession> ClaimAsync(NpgsqlDataSource database, string owner)
    {
        await using var connection = await database.OpenConnectionAsync();
        var checkpoint = Assert.Single(await CheckpointStore.ClaimAsync(connection, [0], owner, CancellationToken.None));
        return new PartitionSession(checkpoint, []);
    }

    private static LaneBatch Batch(PartitionSession session, string taskId)
    {
        var at = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var facts = new TaskFacts
        {
            TaskId = taskId, TaskType = "qa", InferenceNodeId = "inf-1", SubmittedAt = at, InferenceLatencyMs = 100, SampledEvaluators = ["e-1"],
            TaskSource = new SourceRef(0, 0), TaskTime = at, AcceptedScores = [new RecordedScore("s-1", "e-1", 5, 10, at, new SourceRef(0, 0))],
            CloseReason = CloseReasons.AllScored, ClosedAt = at, ClosedBy = new RecordRef("poq.scores", 0, 0),
        };
        var task = SettlementDecider.Decide(facts, 0, TrustSnapshot.Initial(1), Mechanism);
        var record = new KafkaRecord("poq.tasks", 0, 0, taskId, [], at);
        return new LaneBatch(0, [new SettledTask(task, record, [record with { Topic = "poq.scores" }])], [(session, Checkpoint(session, 1))]);
    }

    private static PartitionCheckpoint Checkpoint(PartitionSession session, long watermark) => new()
    {
        Partition = 0,
        Generation = session.Generation,
        Tasks = new TopicCheckpoint(watermark, null, []),
        Scores = new TopicCheckpoint(watermark, null, []),
    };

    private static async Task<long> CountAsync(NpgsqlDataSource database, string table)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var command = new NpgsqlCommand($"select count(*) from {PoqStore.Schema}.{table}", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}

using PoQ.Pipeline.Checkpoints;
using PoQ.Pipeline.Commit;
using PoQ.Pipeline.Model;
using PoQ.Pipeline.Output;
using PoQ.Projections.Store;
using PoQ.Testing.Postgres;

namespace PoQ.Pipeline.Tests.Integration;

/// <summary>
/// A COMMIT whose reply is lost looks like a transient failure, so the database policy runs the batch's next attempt:
/// that attempt finds the batch's commit id on the checkpoint rows and returns what landed, writing nothing — no
/// <c>duplicate_task</c> dead letters for the batch's own tasks, no second count, no second outbox row.
/// </summary>
[Collection(PostgresFixture.Collection)]
public sealed class LostCommitReplyTests(PostgresFixture postgres)
{
    [Fact]
    public async Task NextAttempt_AfterACommitThatLanded_ReturnsWhatLandedAndWritesNothing()
    {
        var (database, store, owner, committer) = await OwnedAsync("commit_lost_reply");
        await using var _ = database;
        using var __ = store;
        var batch = Counting(CommitStore.Batch(owner, 2, "t-1", "t-2"), tasks: 2);
        var attempts = new CommitAttempts();

        var landed = await committer.CommitAttemptAsync(batch, attempts, CancellationToken.None);
        var retried = await committer.CommitAttemptAsync(batch, attempts, CancellationToken.None);

        Assert.Same(landed, retried);
        Assert.Equal(["t-1", "t-2"], retried.Parts.SelectMany(p => p.Tasks).Select(t => t.TaskId));
        Assert.Empty(retried.Parts.SelectMany(p => p.Letters));
        Assert.Equal(2, await CommitStore.CountAsync(database, PoqTables.TaskIndex));
        Assert.Equal((1L, 2L, 0L), await CountersAsync(database));
        Assert.Equal(1, await CommitStore.CountAsync(database, OutboxTable.Name));
    }

    [Fact]
    public async Task NextAttempt_OfABatchWithoutTasks_CountsItOnce()
    {
        var (database, store, owner, committer) = await OwnedAsync("commit_lost_reply_progress");
        await using var _ = database;
        using var __ = store;
        var batch = CommitStore.Batch(owner, 5);
        var attempts = new CommitAttempts();

        var landed = await committer.CommitAttemptAsync(batch, attempts, CancellationToken.None);
        var retried = await committer.CommitAttemptAsync(batch, attempts, CancellationToken.None);

        Assert.Same(landed, retried);
        Assert.Equal((1L, 0L, 0L), await CountersAsync(database));
    }

    [Fact]
    public async Task AnotherBatch_WithTheSameTasks_IsStillRefusedAsDuplicates()
    {
        var (database, store, owner, committer) = await OwnedAsync("commit_lost_reply_other");
        await using var _ = database;
        using var __ = store;
        await committer.CommitAttemptAsync(Counting(CommitStore.Batch(owner, 2, "t-1"), tasks: 1), new CommitAttempts(), CancellationToken.None);

        var again = await committer.CommitAttemptAsync(Counting(CommitStore.Batch(owner, 2, "t-1"), tasks: 1), new CommitAttempts(), CancellationToken.None);

        Assert.Empty(again.Parts.SelectMany(p => p.Tasks));
        Assert.Equal(2, again.Parts.SelectMany(p => p.Letters).Count()); // the task and its score: a different commit
        Assert.Equal((2L, 1L, 2L), await CountersAsync(database));
    }

    // A one-partition store whose partition instance-a owns, and its committer.
    private async Task<(Npgsql.NpgsqlDataSource Database, Marten.DocumentStore Store, PoQ.Pipeline.Partitions.PartitionSession Owner, LaneCommitter Committer)> OwnedAsync(string name)
    {
        var (database, store) = await CommitStore.OpenAsync(postgres, name);
        return (database, store, await CommitStore.ClaimAsync(database, "instance-a"), CommitStore.Committer(database, store));
    }

    // The batch's checkpoint counts its tasks (one score each), as a partition's processor counts what it settled.
    private static LaneBatch Counting(LaneBatch batch, int tasks) =>
        batch with { Checkpoints = [.. batch.Checkpoints.Select(c => (c.Session, c.Checkpoint with { Added = new PartitionCounters(tasks, 0, tasks, 0) }))] };

    private static async Task<(long Commits, long Settled, long DeadLetters)> CountersAsync(Npgsql.NpgsqlDataSource database) => (
        await CommitStore.ScalarAsync<long>(database, $"select commits from {PoqStore.Schema}.{PoqTables.PartitionCheckpoints} where partition = 0"),
        await CommitStore.ScalarAsync<long>(database, $"select tasks_settled from {PoqStore.Schema}.{PoqTables.PartitionCheckpoints} where partition = 0"),
        await CommitStore.ScalarAsync<long>(database, $"select dead_letters from {PoqStore.Schema}.{PoqTables.PartitionCheckpoints} where partition = 0"));
}

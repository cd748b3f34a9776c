using PoQ.Ingest.Contract;
using PoQ.Projections.Store;
using PoQ.Testing.Postgres;

namespace PoQ.Pipeline.Tests.Integration;

/// <summary>
/// A task id is paid once, whatever a window remembered: a commit indexes its tasks in its opening round trip, and when
/// one is recorded already the index refuses it and the commit decides the batch again — that task and its scores become
/// <c>duplicate_task</c> dead letters, the rest of the batch lands, and the recorded one is untouched.
/// </summary>
[Collection(PostgresFixture.Collection)]
public sealed class RecordedTaskCommitTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Commit_OfATaskIdRecordedBefore_DeadLettersIt_AndCommitsTheRestOfTheBatch()
    {
        var (database, store) = await CommitStore.OpenAsync(postgres, "commit_recorded_task");
        await using var _ = database;
        using var __ = store;
        var owner = await CommitStore.ClaimAsync(database, "instance-a");
        var committer = CommitStore.Committer(database, store);
        var first = await committer.CommitAsync(CommitStore.Batch(owner, 1, "t-1"), CancellationToken.None);
        var recordedEvent = await CommitStore.ScalarAsync<Guid>(database, $"select event_id from {PoqStore.Schema}.{PoqTables.TaskIndex} where task_id = 't-1'");

        var second = await committer.CommitAsync(CommitStore.Batch(owner, 3, "t-2", "t-1", "t-3"), CancellationToken.None);

        Assert.Equal(1, first.TaskCount);
        Assert.Equal(["t-2", "t-3"], second.Parts.SelectMany(p => p.Tasks).Select(t => t.TaskId));
        var letters = second.Parts.SelectMany(p => p.Letters).ToList();
        Assert.Equal(2, letters.Count); // the task and its one score
        Assert.All(letters, l => Assert.Equal(ReasonCodes.DuplicateTask, l.Reason));
        Assert.Equal(3, await CommitStore.CountAsync(database, PoqTables.TaskIndex));
        Assert.Equal(recordedEvent, await CommitStore.ScalarAsync<Guid>(database, $"select event_id from {PoqStore.Schema}.{PoqTables.TaskIndex} where task_id = 't-1'"));
        int[] positions = await PositionsAsync(database, "t-2", "t-3");
        Assert.Equal([0, 1], positions); // indexed at their places in the second event
        Assert.Equal(3L, await CommitStore.ScalarAsync<long>(database, "select tasks_watermark from poq.partition_checkpoints where partition = 0"));
        Assert.False(owner.Revoked);
    }

    [Fact]
    public async Task Commit_OfABatchThatRepeatsAnId_DeadLettersEveryCopy_AndIndexesTheOthers()
    {
        var (database, store) = await CommitStore.OpenAsync(postgres, "commit_repeated_task");
        await using var _ = database;
        using var __ = store;
        var owner = await CommitStore.ClaimAsync(database, "instance-a");
        var committer = CommitStore.Committer(database, store);

        var committed = await committer.CommitAsync(CommitStore.Batch(owner, 3, "t-1", "t-2", "t-1"), CancellationToken.None);

        Assert.Equal(["t-2"], committed.Parts.SelectMany(p => p.Tasks).Select(t => t.TaskId));
        Assert.Equal(4, committed.Parts.SelectMany(p => p.Letters).Count(l => l.Reason == ReasonCodes.DuplicateTask));
        Assert.Equal(1, await CommitStore.CountAsync(database, PoqTables.TaskIndex));
    }

    private static async Task<int[]> PositionsAsync(Npgsql.NpgsqlDataSource database, params string[] taskIds)
    {
        var positions = new List<int>();
        foreach (string taskId in taskIds)
        {
            positions.Add(await CommitStore.ScalarAsync<int>(database, $"select position from {PoqStore.Schema}.{PoqTables.TaskIndex} where task_id = '{taskId}'"));
        }

        return [.. positions];
    }
}

using PoQ.Pipeline.Checkpoints;
using PoQ.Projections.Store;
using PoQ.Testing.Postgres;

namespace PoQ.Pipeline.Tests.Integration;

/// <summary>
/// Owner generations fence zombies: an instance that lost a partition (another claimed it) can no longer commit for it —
/// its transaction finds another generation on the locked checkpoint row — and a claim waits for a commit in flight.
/// </summary>
[Collection(PostgresFixture.Collection)]
public sealed class FencingTests(PostgresFixture postgres)
{
        [Fact]
    public async Task Commit_ByAnOwnerThatLostThePartition_IsRefusedAndTheNewOwnersCommitLands()
    {
        var (database, store) = await CommitStore.OpenAsync(postgres, "fencing_zombie");
        await using var _ = database;
        using var __ = store;
        var zombie = await CommitStore.ClaimAsync(database, "instance-a");
        var owner = await CommitStore.ClaimAsync(database, "instance-b");
        Assert.Equal(zombie.Generation + 1, owner.Generation);
        var committer = CommitStore.Committer(database, store);

        var refused = await committer.CommitAsync(CommitStore.Batch(zombie, 1, "t-zombie"), CancellationToken.None);

        Assert.True(refused.IsEmpty);
        Assert.Empty(refused.OutboxIds);
        Assert.True(zombie.Revoked);
        Assert.Equal(0, await CommitStore.CountAsync(database, PoqTables.TaskIndex));

        var landed = await committer.CommitAsync(CommitStore.Batch(owner, 1, "t-owner"), CancellationToken.None);
        Assert.Single(landed.OutboxIds);
        Assert.Equal(1, landed.TaskCount);
        Assert.Equal(1, await CommitStore.CountAsync(database, PoqTables.TaskIndex));
        Assert.False(owner.Revoked);
    }

    [Fact]
    public async Task Claim_WhileACommitHoldsTheRow_WaitsForItThenFencesTheOldOwner()
    {
        var (database, store) = await CommitStore.OpenAsync(postgres, "fencing_inflight");
        await using var _ = database;
        using var __ = store;
        var first = await CommitStore.ClaimAsync(database, "instance-a");

        // A commit of the first owner is in flight: it holds the checkpoint row.
        await using var inFlight = await database.OpenConnectionAsync();
        await using var transaction = await inFlight.BeginTransactionAsync();
        Assert.Empty(await CheckpointStore.LockAsync(inFlight, transaction, new Dictionary<int, long> { [0] = first.Generation }, CancellationToken.None));
        var claim = CommitStore.ClaimAsync(database, "instance-b");
        await Task.Delay(500);
        Assert.False(claim.IsCompleted, "the claim must wait for the commit in flight");
        await CheckpointStore.WriteAsync(inFlight, transaction, [CommitStore.Checkpoint(first, 7)], CancellationToken.None);
        await transaction.CommitAsync();

        var second = await claim;
        Assert.Equal(7, second.Restored.Tasks.Watermark); // the new owner resumes after the first owner's last commit
        var committer = CommitStore.Committer(database, store);
        await committer.CommitAsync(CommitStore.Batch(first, 1, "t-late"), CancellationToken.None);
        Assert.True(first.Revoked);
        Assert.Equal(0, await CommitStore.CountAsync(database, PoqTables.TaskIndex));
    }
}

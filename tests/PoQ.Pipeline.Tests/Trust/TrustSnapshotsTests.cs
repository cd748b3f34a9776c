using PoQ.Consensus.Trust;
using PoQ.Pipeline.Trust;
using PoQ.Settlement.Trust;

namespace PoQ.Pipeline.Tests.Trust;

/// <summary>The snapshots an instance holds have no gaps: a continuation that would leave one, or an epoch below the oldest held, is refused.</summary>
public sealed class TrustSnapshotsTests
{
    private static TrustSnapshot At(long epoch, double weight) => new(1.0, [new("e-1", new TrustEntry(weight, (int)epoch))], epoch);

    [Fact]
    public void Through_AnEpochWithoutVerdicts_GivesTheLastSnapshotBeforeIt()
    {
        var snapshots = new TrustSnapshots(1.0);
        snapshots.Advance([At(3, 0.9), At(5, 0.8)], long.MinValue, 6);

        Assert.Equal(1.0, snapshots.Through(2)!.Of("e-1").Weight);
        Assert.Equal(0.9, snapshots.Through(4)!.Of("e-1").Weight);
        Assert.Equal(0.8, snapshots.Through(6)!.Of("e-1").Weight);
        Assert.Null(snapshots.Through(7));
    }

    [Fact]
    public void Advance_PastWhatIsHeld_IsRefusedAndChangesNothing()
    {
        var snapshots = new TrustSnapshots(1.0);
        snapshots.Advance([At(3, 0.9)], long.MinValue, 4);

        // Epochs 5 and 6 were folded elsewhere and never read here: continuing after 6 would hand epoch 6 the snapshot of 3.
        Assert.Throws<InvalidOperationException>(() => snapshots.Advance([At(7, 0.5)], 6, 7));
        Assert.Equal(4, snapshots.ClosedThrough);
        Assert.Null(snapshots.Through(7));
    }

    [Fact]
    public void Advance_OverlappingWhatIsHeld_KeepsTheHeldSnapshots()
    {
        var snapshots = new TrustSnapshots(1.0);
        snapshots.Advance([At(3, 0.9)], long.MinValue, 4);
        snapshots.Advance([At(3, 0.1), At(6, 0.7)], 2, 6);

        Assert.Equal(0.9, snapshots.Through(5)!.Of("e-1").Weight);
        Assert.Equal(0.7, snapshots.Through(6)!.Of("e-1").Weight);
    }

    [Fact]
    public void Rebase_OnTheNewest_RefusesEpochsBelowTheOldestHeld()
    {
        var snapshots = new TrustSnapshots(1.0);
        snapshots.Rebase([At(40, 0.6), At(41, 0.5)], 42);

        Assert.Equal(0.5, snapshots.Through(42)!.Of("e-1").Weight);
        Assert.Equal(0.6, snapshots.Through(40)!.Of("e-1").Weight);
        Assert.Throws<InvalidOperationException>(() => snapshots.Through(39));
        Assert.Throws<ArgumentException>(() => snapshots.Rebase([At(45, 0.4)], 44));
    }

    [Fact]
    public void Advance_BeyondTheKeptCount_DropsTheOldestAndRefusesThem()
    {
        var snapshots = new TrustSnapshots(1.0);
        var many = Enumerable.Range(1, TrustSnapshots.Kept + 10).Select(e => At(e, 1.0 / e)).ToList();
        snapshots.Advance(many, long.MinValue, many.Count);

        Assert.Equal(1.0 / many.Count, snapshots.Through(many.Count)!.Of("e-1").Weight);
        Assert.Equal(1.0 / 11, snapshots.Through(11)!.Of("e-1").Weight);
        Assert.Throws<InvalidOperationException>(() => snapshots.Through(10));
    }
}

using Npgsql;
using PoQ.Consensus.Rules;
using PoQ.Consensus.Trust;
using PoQ.Pipeline.Trust;
using PoQ.Projections.Store;
using PoQ.Rewards;
using PoQ.Settlement.Trust;
using PoQ.Settlement;
using PoQ.Testing.Postgres;

namespace PoQ.Pipeline.Tests.Integration;

/// <summary>
/// Two instances' epoch coordinators on one real store: whichever folds, each hands its tasks the snapshot the offline
/// fold of the same signals gives, for every epoch — also when the other instance folded epochs it had not read yet.
/// </summary>
[Collection(PostgresFixture.Collection)]
public sealed class EpochCoordinatorTests(PostgresFixture postgres)
{
    private static readonly Mechanism Mechanism = new(RuleCatalog.Create("trust"), new RewardParameters(), 2, TrustEpochs.Of(TimeSpan.FromSeconds(2)));
    private static readonly long First = Mechanism.Epochs.EpochOf(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)) + 1;

    [Fact]
    public async Task AFold_AfterAnotherInstancesUnreadFold_KeepsEverySnapshotOfBoth()
    {
        var (database, store) = await OpenAsync("epoch_coordinators");
        using var storeScope = store;
        await using var databaseScope = database;
        var a = Coordinator(database, store, out var trustA);
        var b = Coordinator(database, store, out var trustB);
        await a.LoadAsync(CancellationToken.None);
        await b.LoadAsync(CancellationToken.None);

        // B folds the first two epochs; A reads nothing of it before the partitions pass two more and A folds those.
        await AddSignalsAsync(database, First, First + 1);
        await SetProgressAsync(database, Mechanism.Epochs.StartOf(First + 2));
        await b.StepAsync(CancellationToken.None);
        Assert.Equal(First + 1, trustB.ClosedThrough);
        await AddSignalsAsync(database, First + 2, First + 3);
        await SetProgressAsync(database, Mechanism.Epochs.StartOf(First + 4));
        await a.StepAsync(CancellationToken.None);
        await b.StepAsync(CancellationToken.None);

        var expected = OfflineSnapshots(First, First + 3);
        foreach (var (name, trust) in new[] { ("A", trustA), ("B", trustB) })
        {
            Assert.Equal(First + 3, trust.ClosedThrough);
            for (long epoch = First; epoch <= First + 3; epoch++)
            {
                var held = trust.Through(epoch);
                Assert.NotNull(held);
                Assert.True(expected[epoch].SequenceEqual(Entries(held)), $"{name}: trust through epoch {epoch - First} differs from the offline fold");
            }
        }
    }

    [Fact]
    public async Task ARestart_AfterManyFolds_ReadsTheNewestAndRefusesOlderEpochs()
    {
        var (database, store) = await OpenAsync("epoch_coordinator_restart");
        using var storeScope = store;
        await using var databaseScope = database;
        var first = Coordinator(database, store, out _);
        const int epochs = 70;
        await AddSignalsAsync(database, Enumerable.Range(0, epochs).Select(i => First + i).ToArray());
        await SetProgressAsync(database, Mechanism.Epochs.StartOf(First + epochs));
        await first.StepAsync(CancellationToken.None);

        var restarted = Coordinator(database, store, out var trust);
        await restarted.LoadAsync(CancellationToken.None);

        var expected = OfflineSnapshots(First, First + epochs - 1);
        Assert.Equal(First + epochs - 1, trust.ClosedThrough);
        Assert.Null(trust.Through(First + epochs));
        Assert.True(expected[First + epochs - 1].SequenceEqual(Entries(trust.Latest)));
        Assert.True(expected[First + epochs - 2].SequenceEqual(Entries(trust.Through(First + epochs - 2)!)));
        Assert.Throws<InvalidOperationException>(() => trust.Through(First));
    }

    [Fact]
    public async Task SignalsOfAnEpochFoldedAlready_AreReportedAndLeaveItsSnapshotAlone()
    {
        var (database, store) = await OpenAsync("epoch_coordinator_late");
        using var storeScope = store;
        await using var databaseScope = database;
        var lines = new List<string>();
        var coordinator = Coordinator(database, store, out var trust, lines.Add);
        await AddSignalsAsync(database, First, First + 1);
        await SetProgressAsync(database, Mechanism.Epochs.StartOf(First + 2));
        await coordinator.StepAsync(CancellationToken.None);

        // A commit of epoch First lands after its fold (a broken invariant): the next fold reports it and drops it.
        await AddSignalsAsync(database, First, First + 2);
        await SetProgressAsync(database, Mechanism.Epochs.StartOf(First + 3));
        await coordinator.StepAsync(CancellationToken.None);

        var expected = OfflineSnapshots(First, First + 2);
        Assert.True(expected[First].SequenceEqual(Entries(trust.Through(First)!)));
        Assert.True(expected[First + 2].SequenceEqual(Entries(trust.Through(First + 2)!)));
        string line = Assert.Single(lines);
        Assert.Contains($"3 trust signal(s) of epoch(s) {First} were committed after the epoch was folded", line, StringComparison.Ordinal);
        Assert.Equal(0, await CommitStore.CountAsync(database, TrustSignalTable.Name));
    }

    private static EpochCoordinator Coordinator(NpgsqlDataSource database, Marten.DocumentStore store, out TrustSnapshots snapshots, Action<string>? log = null)
    {
        snapshots = new TrustSnapshots(Mechanism.InitialWeight);
        return new EpochCoordinator(database, store, Mechanism, snapshots, TimeProvider.System, TimeSpan.FromSeconds(1), log ?? (_ => { }));
    }

    // A one-partition store, as the lane committer's tests use.
    private Task<(NpgsqlDataSource Database, Marten.DocumentStore Store)> OpenAsync(string name) => CommitStore.OpenAsync(postgres, name);

    // Each epoch: three evaluators with deviations that differ by epoch, so every fold moves every weight.
    private static TrustSignal[] SignalsOf(long epoch)
    {
        var at = Mechanism.Epochs.StartOf(epoch).AddMilliseconds(500);
        int i = (int)(epoch - First);
        return [.. Enumerable.Range(1, 3).Select(e => new TrustSignal($"e-{e}", at, $"t-{i}-{e}", 0.05 * e + 0.01 * i))];
    }

    private static async Task AddSignalsAsync(NpgsqlDataSource database, params long[] epochs)
    {
        foreach (long epoch in epochs)
        {
            await using var insert = database.CreateCommand($"insert into {PoqStore.Schema}.{TrustSignalTable.Name} (epoch, signals) values ($1, $2)");
            insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = epoch });
            insert.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = TrustSignalCodec.Encode(SignalsOf(epoch)) });
            await insert.ExecuteNonQueryAsync();
        }
    }

    private static async Task SetProgressAsync(NpgsqlDataSource database, DateTimeOffset progress)
    {
        await using var update = database.CreateCommand($"update {PoqStore.Schema}.{PoqTables.PartitionCheckpoints} set progress = $1");
        update.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = progress });
        await update.ExecuteNonQueryAsync();
    }

    // The chain's own fold of the same signals, epoch by epoch: what every instance must hand its tasks.
    private static Dictionary<long, List<KeyValuePair<string, TrustEntry>>> OfflineSnapshots(long from, long through)
    {
        var ledger = TrustSnapshot.Initial(Mechanism.InitialWeight).ToLedger();
        var snapshots = new Dictionary<long, List<KeyValuePair<string, TrustEntry>>>();
        for (long epoch = from; epoch <= through; epoch++)
        {
            TrustFold.CloseEpoch(ledger, Mechanism.Trust!, Mechanism.Epochs, epoch, SignalsOf(epoch));
            snapshots[epoch] = Entries(new TrustSnapshot(ledger.InitialWeight, ledger.Entries, epoch));
        }

        return snapshots;
    }

    private static List<KeyValuePair<string, TrustEntry>> Entries(TrustSnapshot snapshot) =>
        [.. snapshot.Entries.OrderBy(e => e.Key, StringComparer.Ordinal)];
}

using System.Runtime.InteropServices;
using JasperFx.Events;
using Marten.Services;
using Marten;
using Npgsql;
using PoQ.Consensus.Trust;
using PoQ.Pipeline.Checkpoints;
using PoQ.Projections.History;
using PoQ.Projections.Store;
using PoQ.Settlement.Events;
using PoQ.Settlement.Trust;
using PoQ.Settlement;

namespace PoQ.Pipeline.Trust;

/// <summary>
/// Folds trust epochs once every partition has passed them, coordinated through PostgreSQL only: every instance polls
/// the partitions' committed progress; when the slowest partition is past an epoch's end, whichever instance takes the
/// advisory lock folds every epoch up to there (<see cref="TrustFold.CloseEpoch"/>, the verdicts of the epoch's tasks
/// in canonical order), records each as <see cref="TrustEpochClosed"/> with its snapshot, and moves the shared
/// "closed through" mark — all in one transaction. The others read the result. The fold's input is the trust signals
/// the commits stored with their tasks (<see cref="TrustSignalTable"/>), so the outcome is the same whichever instance
/// folds.
/// </summary>
public sealed class EpochCoordinator(NpgsqlDataSource database, IDocumentStore store, Mechanism mechanism, TrustSnapshots snapshots, TimeProvider clock, TimeSpan poll, Action<string> log)
{
    // pg_advisory_xact_lock key of the epoch closer: "poqtrust" as ASCII.
    private const long LockKey = 0x706F717472757374;

    /// <summary>The last epoch folded (by any instance) as this instance last read it.</summary>
    public long ClosedThrough => snapshots.ClosedThrough;

    /// <summary>Loads the folded state (call before the lanes start).</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        await RefreshAsync(session, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(poll, clock);
        bool failing = false;
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                await StepAsync(cancellationToken).ConfigureAwait(false);
                if (failing)
                {
                    log("trust epochs: the database answers again; folding resumed");
                }

                failing = false;
            }
            catch (Exception error) when (error is not OperationCanceledException && Resilience.PostgresFaults.IsTransient(error))
            {
                // Once per outage: the commits' policy reports its progress and enforces the budget; a fold waits for it.
                if (!failing)
                {
                    log($"trust epochs: database unavailable, folding waits: {error.GetBaseException().Message}");
                }

                failing = true;
            }
        }
    }

    /// <summary>One round: fold what every partition has passed, then read what anyone folded.</summary>
    public async Task StepAsync(CancellationToken cancellationToken)
    {
        await using (var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
        {
            var minimum = await CheckpointStore.MinimumProgressAsync(connection, cancellationToken).ConfigureAwait(false);
            if (minimum is { } progress)
            {
                long target = mechanism.Epochs.EpochOf(progress) - 1;
                if (target > snapshots.ClosedThrough)
                {
                    await CloseThroughAsync(connection, target, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        await using var session = store.QuerySession();
        await RefreshAsync(session, cancellationToken).ConfigureAwait(false);
    }

    private async Task CloseThroughAsync(NpgsqlConnection connection, long target, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var lockCommand = new NpgsqlCommand("select pg_advisory_xact_lock(@key)", connection, transaction))
        {
            lockCommand.Parameters.AddWithValue("key", LockKey);
            await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var session = store.LightweightSession(SessionOptions.ForTransaction(transaction));
        var state = await session.LoadAsync<TrustEpochState>(TrustEpochState.SingletonId, cancellationToken).ConfigureAwait(false) ?? new TrustEpochState();
        if (state.ClosedThrough >= target)
        {
            return; // another instance folded it meanwhile
        }

        var start = await LatestSnapshotAsync(session, state.ClosedThrough, cancellationToken).ConfigureAwait(false);
        var byEpoch = await TrustSignalTable.TakeAsync(connection, transaction, state.ClosedThrough, target, cancellationToken).ConfigureAwait(false);
        var ledger = start.ToLedger();
        var folded = new List<TrustSnapshot>();
        foreach (var (epoch, signals) in byEpoch)
        {
            if (signals.Count == 0)
            {
                continue;
            }

            // The taken signals are this fold's own: sorted in place, not copied (an epoch holds tens of thousands).
            var close = TrustFold.CloseEpochInPlace(ledger, mechanism.Trust!, mechanism.Epochs, epoch, CollectionsMarshal.AsSpan(signals));
            session.Events.Append(TrustEpochClosed.StreamId, close);
            session.Store(new TrustSnapshotDocument
            {
                Id = epoch,
                Entries = ledger.Entries.ToDictionary(e => e.Key, e => new[] { e.Value.Weight, e.Value.Observations }, StringComparer.Ordinal),
            });
            folded.Add(new TrustSnapshot(ledger.InitialWeight, ledger.Entries, epoch));
        }

        state.ClosedThrough = target;
        session.Store(state);
        await session.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        snapshots.Advance(folded, target);
    }

    private async Task<TrustSnapshot> LatestSnapshotAsync(IQuerySession session, long through, CancellationToken cancellationToken)
    {
        var latest = await session.Query<TrustSnapshotDocument>().Where(d => d.Id <= through).OrderByDescending(d => d.Id).Take(1).ToListAsync(cancellationToken).ConfigureAwait(false);
        return latest.Count == 0 ? TrustSnapshot.Initial(mechanism.InitialWeight) : ToSnapshot(latest[0]);
    }

    private async Task RefreshAsync(IQuerySession session, CancellationToken cancellationToken)
    {
        var state = await session.LoadAsync<TrustEpochState>(TrustEpochState.SingletonId, cancellationToken).ConfigureAwait(false);
        if (state is null || state.ClosedThrough <= snapshots.ClosedThrough)
        {
            return;
        }

        long known = snapshots.Latest.FoldedThrough;
        var newer = await session.Query<TrustSnapshotDocument>()
            .Where(d => d.Id > known && d.Id <= state.ClosedThrough)
            .OrderByDescending(d => d.Id).Take(64)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        snapshots.Advance(newer.Select(ToSnapshot), state.ClosedThrough);
    }

    private TrustSnapshot ToSnapshot(TrustSnapshotDocument document) => new(
        mechanism.InitialWeight,
        document.Entries.Select(e => new KeyValuePair<string, TrustEntry>(e.Key, new TrustEntry(e.Value[0], (int)e.Value[1]))),
        document.Id);
}

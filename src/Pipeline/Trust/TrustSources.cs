using Marten;
using Npgsql;
using PoQ.Consensus.Trust;
using PoQ.Projections.Model;
using PoQ.Settlement;

namespace PoQ.Pipeline.Trust;

/// <summary>Picks and restores the trust source a mechanism needs: none (unweighted rules), sequential, or epochs with their coordinator.</summary>
public static class TrustSources
{
    /// <summary>The source, and the epoch coordinator to run when epochs fold.</summary>
    public static async Task<(ITrustSource Source, EpochCoordinator? Coordinator)> CreateAsync(
        PipelineOptions options, Mechanism mechanism, NpgsqlDataSource database, IDocumentStore store, Action<string> log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(mechanism);
        await using var session = store.QuerySession();
        var state = await session.LoadAsync<SequentialTrustState>(SequentialTrustState.SingletonId, cancellationToken).ConfigureAwait(false);
        if (mechanism.Trust is null)
        {
            var unweighted = new UnweightedTrustSource(mechanism.Epochs, mechanism.InitialWeight);
            unweighted.ResumeAt(state?.LastSequence ?? 0);
            return (unweighted, null);
        }

        if (mechanism.Epochs.IsSequential)
        {
            var stored = await session.Query<EvaluatorTrust>().ToListAsync(cancellationToken).ConfigureAwait(false);
            var ledger = new TrustLedger(mechanism.InitialWeight, stored.Select(t => new KeyValuePair<string, TrustEntry>(t.Id, new TrustEntry(t.Weight, t.Observations))));
            return (new SequentialTrustSource(ledger, mechanism.Trust, state?.LastSequence ?? 0), null);
        }

        var snapshots = new TrustSnapshots(mechanism.InitialWeight);
        var coordinator = new EpochCoordinator(database, store, mechanism, snapshots, options.Clock, options.EpochPollInterval, log);
        await coordinator.LoadAsync(cancellationToken).ConfigureAwait(false);
        return (new EpochTrustSource(mechanism.Epochs, snapshots), coordinator);
    }
}

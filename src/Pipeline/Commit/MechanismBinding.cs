using Marten;
using Marten.Services;
using Npgsql;
using PoQ.Projections.Store;
using PoQ.Settlement;
using PoQ.Settlement.Events;

namespace PoQ.Pipeline.Commit;

/// <summary>
/// Binds a store to one mechanism: the first instance records its <see cref="MechanismConfigured"/>; a later instance
/// with another mechanism is refused once tasks are recorded (one store, one trust chain — try another rule in a shadow
/// store with <c>--database</c>).
/// </summary>
public static class MechanismBinding
{
    // pg_advisory_xact_lock key: "poqmechn" as ASCII.
    private const long LockKey = 0x706F716D6563686E;

    /// <summary>Records the mechanism or checks it against the recorded one; throws <see cref="MechanismMismatchException"/>.</summary>
    public static async Task BindAsync(NpgsqlDataSource database, IDocumentStore store, Mechanism mechanism, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(mechanism);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var lockCommand = new NpgsqlCommand("select pg_advisory_xact_lock(@key)", connection, transaction))
        {
            lockCommand.Parameters.AddWithValue("key", LockKey);
            await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var session = store.LightweightSession(SessionOptions.ForTransaction(transaction));
        var recorded = (await session.Events.FetchStreamAsync(MechanismConfigured.StreamId, token: cancellationToken).ConfigureAwait(false))
            .Select(e => e.Data).OfType<MechanismConfigured>().ToList();
        if (recorded.Any(m => m.MechanismHash == mechanism.Hash))
        {
            return;
        }

        await using (var any = new NpgsqlCommand($"select exists(select 1 from {PoqStore.Schema}.{PoqTables.TaskIndex})", connection, transaction))
        {
            if (recorded.Count > 0 && await any.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true)
            {
                var first = recorded[^1];
                throw new MechanismMismatchException(
                    $"this store records under mechanism {first.MechanismHash} (rule {first.Rule} {first.ParamsHash}, quorum {first.Quorum}, trust epoch {first.TrustEpochMs} ms); "
                    + $"this run asks for {mechanism.Hash} (rule {mechanism.Rule.Name} {mechanism.Rule.ParamsHash}, quorum {mechanism.Quorum}, trust epoch {mechanism.Epochs.LengthMs} ms). "
                    + "One store holds one trust chain: use --database NAME for another mechanism (e.g. a shadow pipeline), or `poq replay` to compare rules on this history.");
            }
        }

        session.Events.Append(MechanismConfigured.StreamId, mechanism.Configured);
        await session.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}

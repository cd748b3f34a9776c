using System.Security.Cryptography;
using System.Text;
using JasperFx.Events;
using Marten;
using Npgsql;
using PoQ.Ingest.Identity.Registry;
using PoQ.Pipeline.Model;
using PoQ.Projections.Model;
using PoQ.Projections.Registry;
using PoQ.Projections.Store;

namespace PoQ.Pipeline.Registry;

/// <summary>
/// Records what the registry follower read: each applied change as an event on the evaluator's stream, each refused
/// record as a dead letter. Every instance reads the whole registry, so every instance records it: the event ids are
/// derived from the records' positions (the store has a unique index on event ids) and dead letters are keyed by
/// position, so the second instance to record a change finds it there and adds nothing.
/// </summary>
public static class RegistryRecorder
{
    /// <summary>
    /// Records <paramref name="reads"/> in one transaction; returns the dead letters it stored (to publish). Instances
    /// race to record the same changes: the loser's transaction fails on the unique event id and is run again, finding
    /// them recorded.
    /// </summary>
    public static async Task<IReadOnlyList<DeadLetterRecord>> RecordAsync(NpgsqlDataSource database, IDocumentStore store, IReadOnlyList<RegistryRead> reads, CancellationToken cancellationToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await RecordOnceAsync(database, store, reads, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception raced) when (attempt < 5 && raced.GetBaseException() is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // Another instance recorded some of these changes after this one looked: look again.
            }
        }
    }

    private static async Task<IReadOnlyList<DeadLetterRecord>> RecordOnceAsync(NpgsqlDataSource database, IDocumentStore store, IReadOnlyList<RegistryRead> reads, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(reads);
        if (reads.Count == 0)
        {
            return [];
        }

        var letters = reads.Where(r => r.Rejection is not null).Select(r => DeadLetters.Of(r.Record, r.Rejection!, null)).ToArray();
        var events = reads.Where(r => r.Change is not null).Select(r => (Id: EventIdOf(SourceOf(r.Record)), Read: r)).ToList();
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var recorded = await RecordedAsync(connection, transaction, events.Select(e => e.Id).ToArray(), cancellationToken).ConfigureAwait(false);
        await using (var session = store.LightweightSession(Marten.Services.SessionOptions.ForTransaction(transaction)))
        {
            foreach (var (id, read) in events.Where(e => !recorded.Contains(e.Id)))
            {
                var change = read.Change!;
                session.Events.Append(RegistryEvent.StreamOf(change.EvaluatorId), EventOf(id, change, SourceOf(read.Record)));
            }

            if (letters.Length > 0)
            {
                session.Store(letters);
            }

            await session.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return letters;
    }

    /// <summary>The event id of the registry record at <paramref name="source"/> (<c>topic/partition/offset</c>).</summary>
    public static Guid EventIdOf(string source) => new(SHA256.HashData(Encoding.UTF8.GetBytes($"poq/registry\0{source}")).AsSpan(0, 16));

    private static string SourceOf(KafkaRecord record) => DeadLetterRecord.IdOf(record.Topic, record.Partition, record.Offset);

    private static IEvent EventOf(Guid id, RegistryChange change, string source)
    {
        string fingerprint = change.PublicKey is { } key ? RegistryChange.Fingerprint(key) : "";
        string publicKey = change.PublicKey is { } raw ? Convert.ToBase64String(raw) : "";
        return change.Action switch
        {
            RegistryAction.Register => new Event<EvaluatorRegistered>(new EvaluatorRegistered { EvaluatorId = change.EvaluatorId, Fingerprint = fingerprint, PublicKey = publicKey, EffectiveAt = change.EffectiveAt, Source = source }) { Id = id },
            RegistryAction.Rotate => new Event<EvaluatorKeyRotated>(new EvaluatorKeyRotated { EvaluatorId = change.EvaluatorId, Fingerprint = fingerprint, PublicKey = publicKey, EffectiveAt = change.EffectiveAt, Source = source }) { Id = id },
            _ => new Event<EvaluatorKeyRevoked>(new EvaluatorKeyRevoked { EvaluatorId = change.EvaluatorId, Fingerprint = fingerprint, EffectiveAt = change.EffectiveAt, Source = source }) { Id = id },
        };
    }

    private static async Task<HashSet<Guid>> RecordedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid[] ids, CancellationToken cancellationToken)
    {
        var found = new HashSet<Guid>();
        if (ids.Length == 0)
        {
            return found;
        }

        await using var command = new NpgsqlCommand($"select id from {PoqStore.Schema}.{PoqTables.Events} where id = any(@ids)", connection, transaction);
        command.Parameters.AddWithValue("ids", ids);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            found.Add(reader.GetGuid(0));
        }

        return found;
    }
}

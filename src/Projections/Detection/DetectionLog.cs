using Marten;
using Marten.Events;
using Npgsql;

namespace PoQ.Projections.Detection;

/// <summary>
/// Detection runs as events: each run on its own stream (<see cref="DetectionIds.Stream"/>), its flags
/// (<see cref="EvaluatorFlagged"/>) then its completion (<see cref="DetectionCompleted"/>), appended in one transaction.
/// Recording is idempotent: a run whose stream exists is read back, not appended again.
/// </summary>
public static class DetectionLog
{
    /// <summary>
    /// Records the run unless its stream already exists; either way returns the run as stored
    /// (<see cref="DetectionRun.Recorded"/> says which). Event ids are deterministic (<see cref="DetectionIds.Event"/>), so
    /// even two processes racing to record one run store it once: the loser's stream start collides and it reads the winner's.
    /// </summary>
    public static async Task<DetectionRun> RecordAsync(IDocumentStore store, IReadOnlyList<EvaluatorFlagged> flags, DetectionCompleted completed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(flags);
        ArgumentNullException.ThrowIfNull(completed);
        string runId = completed.RunId;
        await using (var query = store.QuerySession())
        {
            if (await ReadAsync(query, runId, cancellationToken).ConfigureAwait(false) is { } existing)
            {
                return existing;
            }
        }

        try
        {
            await using var session = store.LightweightSession();
            var events = flags.Cast<object>().Append(completed).Select((data, i) =>
            {
                var built = session.Events.BuildEvent(data);
                built.Id = DetectionIds.Event(runId, i);
                return (object)built;
            }).ToArray();
            session.Events.StartStream(runId, events);
            await session.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return new DetectionRun(completed, flags, Recorded: true);
        }
        catch (Exception collision) when (IsCollision(collision))
        {
            // Another process recorded the same run meanwhile: it is the same content (same digest, same options).
            await using var query = store.QuerySession();
            return await ReadAsync(query, runId, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"detection run '{runId}' collided but cannot be read back");
        }
    }

    // Marten reports a stream started twice as its own collision exception (Marten's or JasperFx's, by version); a
    // duplicate deterministic event id surfaces as a unique violation, possibly wrapped.
    private static bool IsCollision(Exception? error)
    {
        for (; error is not null; error = error.InnerException)
        {
            if (error.GetType().Name == "ExistingStreamIdCollisionException" || error is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A recorded run by its stream id; null when there is none or it never completed.</summary>
    public static async Task<DetectionRun?> ReadAsync(IQuerySession session, string runId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var events = await session.Events.FetchStreamAsync(runId, token: cancellationToken).ConfigureAwait(false);
        var completed = events.Select(e => e.Data).OfType<DetectionCompleted>().LastOrDefault();
        return completed is null ? null : new DetectionRun(completed, [.. events.Select(e => e.Data).OfType<EvaluatorFlagged>()]);
    }

    /// <summary>The most recently recorded complete run (by event sequence); null when detection never ran on this store.</summary>
    public static async Task<DetectionRun?> LatestAsync(IQuerySession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var latest = await session.Events.QueryAllRawEvents()
            .Where(e => e.EventTypesAre(typeof(DetectionCompleted)))
            .OrderByDescending(e => e.Sequence)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return latest?.StreamKey is { } runId ? await ReadAsync(session, runId, cancellationToken).ConfigureAwait(false) : null;
    }
}

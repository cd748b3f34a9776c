using Marten;
using Marten.Events;
using PoQ.Ingest.Identity.Registry;
using PoQ.Projections.Registry;

namespace PoQ.Pipeline.Registry;

/// <summary>
/// The evaluator registry as recorded in a store: the registry events in the order they were recorded, folded by the
/// same <see cref="KeyRegistry"/> the pipeline judges scores with (so an auditor sees the keys the pipeline saw).
/// </summary>
public static class RegistryHistory
{
    /// <summary>Loads and folds the recorded registry.</summary>
    public static async Task<KeyRegistry> LoadAsync(IQuerySession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var events = await session.Events.QueryAllRawEvents()
            .Where(e => e.EventTypesAre(typeof(EvaluatorRegistered), typeof(EvaluatorKeyRotated), typeof(EvaluatorKeyRevoked)))
            .OrderBy(e => e.Sequence)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var registry = new KeyRegistry();
        foreach (var recorded in events)
        {
            var change = recorded.Data is RegistryEvent e
                ? new RegistryChange(e.Action, e.EvaluatorId, e.InstalledKey is { } key ? Convert.FromBase64String(key) : null, e.EffectiveAt)
                : null;
            if (change is not null && registry.Apply(change) is { } refused)
            {
                // Only applied changes are recorded, in the order they were applied: a refusal here means the store was edited.
                throw new InvalidDataException($"registry event {recorded.Id} ({recorded.EventTypeName}) does not apply: {refused.Message}");
            }
        }

        return registry;
    }
}

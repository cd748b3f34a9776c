using Marten;
using PoQ.Projections.History;
using PoQ.Projections.Model;
using PoQ.Settlement;
using PoQ.Settlement.Events;

namespace PoQ.Projections.Replay;

/// <summary>
/// A whole recorded history in memory (read only): tasks in canonical order, mechanisms, epoch closes, the simulator
/// manifest — for small stores and tests; replay and verify stream instead (<see cref="HistoryPages"/>).
/// </summary>
/// <param name="Tasks">Every recorded task, in canonical order (<see cref="TaskOrder"/>); a task's rank is its index + 1.</param>
/// <param name="Mechanisms">Every recorded mechanism.</param>
/// <param name="EpochCloses">Every recorded epoch close.</param>
/// <param name="Manifest">What the simulator knew, when a demo wrote it.</param>
public sealed record RecordedHistory(IReadOnlyList<TaskFinalized> Tasks, RecordedMechanisms Mechanisms, IReadOnlyList<TrustEpochClosed> EpochCloses, SimulationManifest? Manifest)
{
    /// <summary>Reads the whole history.</summary>
    public static async Task<RecordedHistory> LoadAsync(IDocumentStore store, string connectionString, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var tasks = await HistoryReader.ReadTasksAsync(connectionString, cancellationToken).ConfigureAwait(false);
        await using var session = store.QuerySession();
        var mechanisms = await HistoryReader.MechanismsAsync(session, cancellationToken).ConfigureAwait(false);
        var closes = await HistoryReader.EpochClosesAsync(session, cancellationToken).ConfigureAwait(false);
        var manifest = await HistoryReader.ManifestAsync(session, connectionString, cancellationToken).ConfigureAwait(false);
        return new RecordedHistory(tasks, mechanisms, closes, manifest);
    }
}

using Marten;
using PoQ.Projections.History;
using PoQ.Settlement.Events;

namespace PoQ.Projections.Audit;

/// <summary>
/// Reads the recorded history for audit through the one <see cref="HistoryReader"/>. Scaling: node and evaluator
/// lookups read the whole history and filter it (≈ 1 KB per task in memory: fine for 10⁵ tasks); a node-history
/// projection would answer them from an index.
/// </summary>
public static class AuditStore
{
    /// <summary>True when the database holds at least one recorded task; false for an empty or foreign database.</summary>
    public static Task<bool> HasHistoryAsync(string connectionString, CancellationToken cancellationToken) =>
        HistoryReader.HasHistoryAsync(connectionString, cancellationToken);

    /// <summary>Tasks whose inference node is <paramref name="nodeId"/>, in canonical order.</summary>
    public static async Task<IReadOnlyList<TaskFinalized>> TasksInferredByAsync(string connectionString, string nodeId, CancellationToken cancellationToken)
    {
        var tasks = await HistoryReader.ReadTasksAsync(connectionString, cancellationToken).ConfigureAwait(false);
        return [.. tasks.Where(t => t.Facts.InferenceNodeId == nodeId)];
    }

    /// <summary>Tasks that sampled <paramref name="evaluatorId"/>, in canonical order.</summary>
    public static async Task<IReadOnlyList<TaskFinalized>> TasksSamplingAsync(string connectionString, string evaluatorId, CancellationToken cancellationToken)
    {
        var tasks = await HistoryReader.ReadTasksAsync(connectionString, cancellationToken).ConfigureAwait(false);
        return [.. tasks.Where(t => t.Facts.SampledEvaluators.Contains(evaluatorId, StringComparer.Ordinal))];
    }

    /// <summary>The task's settlement, or null when there is no such task.</summary>
    public static Task<TaskFinalized?> TaskAsync(string connectionString, string taskId, CancellationToken cancellationToken) =>
        HistoryReader.ReadTaskAsync(connectionString, taskId, cancellationToken);

    /// <summary>Every recorded mechanism.</summary>
    public static Task<Settlement.RecordedMechanisms> MechanismsAsync(IQuerySession session, CancellationToken cancellationToken) =>
        HistoryReader.MechanismsAsync(session, cancellationToken);
}

namespace PoQ.Projections.Queries;

/// <summary>
/// Replay scenarios as the audit sees them: a named re-run of the recorded history under another rule, compared
/// node by node with what was recorded.
/// </summary>
public interface IScenarioCatalog
{
    /// <summary>Every scenario, by name.</summary>
    Task<IReadOnlyList<ScenarioSummary>> ListAsync(CancellationToken cancellationToken);

    /// <summary>
    /// A page of a scenario's per-node comparison with the recorded history (nodes in role, id order, after
    /// <paramref name="cursor"/>), or null when there is no such scenario.
    /// </summary>
    Task<ScenarioNodePage?> CompareAsync(string name, string? cursor, int limit, CancellationToken cancellationToken);

    /// <summary>The latest scenario written, with the nodes its rule changed most; null when there is none.</summary>
    Task<(ScenarioSummary Scenario, IReadOnlyList<ScenarioNodeComparison> MostChanged)?> LatestAsync(int count, CancellationToken cancellationToken);
}

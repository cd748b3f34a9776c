namespace PoQ.Projections.Audit;

/// <summary>
/// Replay scenarios as the audit sees them: a named re-run of the recorded history under another rule, compared
/// node by node with what was recorded. The replay branch stores scenarios as Marten documents; until it is
/// merged the API is wired to <see cref="NoScenarioCatalog"/> and every scenario lookup answers "no such scenario".
/// </summary>
public interface IScenarioCatalog
{
    /// <summary>Every scenario, by name.</summary>
    Task<IReadOnlyList<ScenarioSummary>> ListAsync(CancellationToken cancellationToken);

    /// <summary>A scenario's per-node comparison with the recorded history, or null when there is no such scenario.</summary>
    Task<ScenarioComparison?> CompareAsync(string name, CancellationToken cancellationToken);
}

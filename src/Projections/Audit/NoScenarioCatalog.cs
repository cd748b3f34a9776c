namespace PoQ.Projections.Audit;

/// <summary>The catalog before replay scenarios exist: none listed, every lookup unknown.</summary>
public sealed class NoScenarioCatalog : IScenarioCatalog
{
    /// <inheritdoc />
    public Task<IReadOnlyList<ScenarioSummary>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ScenarioSummary>>([]);

    /// <inheritdoc />
    public Task<ScenarioComparison?> CompareAsync(string name, string? cursor, int limit, CancellationToken cancellationToken) =>
        Task.FromResult<ScenarioComparison?>(null);

    /// <inheritdoc />
    public Task<(ScenarioSummary Scenario, IReadOnlyList<ScenarioNodeComparison> MostChanged)?> LatestAsync(int count, CancellationToken cancellationToken) =>
        Task.FromResult<(ScenarioSummary, IReadOnlyList<ScenarioNodeComparison>)?>(null);
}

namespace PoQ.Projections.Queries;

/// <summary>The catalog before replay scenarios exist: none listed, every lookup unknown.</summary>
public sealed class NoScenarioCatalog : IScenarioCatalog
{
    /// <inheritdoc />
    public Task<IReadOnlyList<ScenarioSummary>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ScenarioSummary>>([]);

    /// <inheritdoc />
    public Task<ScenarioNodePage?> CompareAsync(string name, string? cursor, int limit, CancellationToken cancellationToken) =>
        Task.FromResult<ScenarioNodePage?>(null);

    /// <inheritdoc />
    public Task<(ScenarioSummary Scenario, IReadOnlyList<ScenarioNodeComparison> MostChanged)?> LatestAsync(int count, CancellationToken cancellationToken) =>
        Task.FromResult<(ScenarioSummary, IReadOnlyList<ScenarioNodeComparison>)?>(null);
}

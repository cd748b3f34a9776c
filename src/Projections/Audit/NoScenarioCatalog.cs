namespace PoQ.Projections.Audit;

/// <summary>The catalog before replay scenarios exist: none listed, every lookup unknown.</summary>
public sealed class NoScenarioCatalog : IScenarioCatalog
{
    /// <inheritdoc />
    public Task<IReadOnlyList<ScenarioSummary>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ScenarioSummary>>([]);

    /// <inheritdoc />
    public Task<ScenarioComparison?> CompareAsync(string name, CancellationToken cancellationToken) =>
        Task.FromResult<ScenarioComparison?>(null);
}

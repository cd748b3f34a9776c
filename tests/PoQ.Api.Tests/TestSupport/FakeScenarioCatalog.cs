using PoQ.Projections.Audit;

namespace PoQ.Api.Tests.TestSupport;

/// <summary>One scenario ("median-what-if") until the replay branch's catalog is merged.</summary>
public sealed class FakeScenarioCatalog : IScenarioCatalog
{
    public static readonly ScenarioComparison Comparison = new(
        new ScenarioSummary("median-what-if", "median", "0123456789abcdef", 43),
        "trimmed",
        [new("inf-1", "inference", 4.25, 3.5), new("inf-2", "inference", 3.75, 4.125), new("ev-5", "evaluator", 2.5, 1.25)]);

    public Task<IReadOnlyList<ScenarioSummary>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ScenarioSummary>>([Comparison.Scenario]);

    public Task<ScenarioComparison?> CompareAsync(string name, CancellationToken cancellationToken) =>
        Task.FromResult(name == Comparison.Scenario.Name ? Comparison : null);
}

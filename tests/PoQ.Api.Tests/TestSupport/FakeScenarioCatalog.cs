using System.Buffers.Text;
using System.Text;
using PoQ.Projections.Queries;

namespace PoQ.Api.Tests.TestSupport;

/// <summary>
/// One scenario ("median-what-if") over the small history, paged like <c>StoredScenarioCatalog</c>: nodes in (role, node
/// id) order, the cursor the same token shape (so the API's cursor check accepts what this catalog issues).
/// </summary>
public sealed class FakeScenarioCatalog : IScenarioCatalog
{
    public static readonly ScenarioNodePage Comparison = new(
        new ScenarioSummary("median-what-if", "median", "0123456789abcdef", 43),
        "trimmed",
        [new("ev-5", "evaluator", 2.5, 1.25), new("inf-1", "inference", 4.25, 3.5), new("inf-2", "inference", 3.75, 4.125)]);

    public Task<IReadOnlyList<ScenarioSummary>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ScenarioSummary>>([Comparison.Scenario]);

    public Task<ScenarioNodePage?> CompareAsync(string name, string? cursor, int limit, CancellationToken cancellationToken)
    {
        if (name != Comparison.Scenario.Name)
        {
            return Task.FromResult<ScenarioNodePage?>(null);
        }

        var after = cursor is null ? null : Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor)).Split('\n');
        var rest = Comparison.Nodes
            .Where(n => after is null || string.CompareOrdinal(n.Role, after[0]) > 0 || (n.Role == after[0] && string.CompareOrdinal(n.NodeId, after[1]) > 0))
            .ToList();
        var page = rest.Take(limit).ToList();
        string? next = rest.Count > limit ? Encode(page[^1].Role, page[^1].NodeId) : null;
        return Task.FromResult<ScenarioNodePage?>(Comparison with { Nodes = page, NextCursor = next });
    }

    public Task<(ScenarioSummary Scenario, IReadOnlyList<ScenarioNodeComparison> MostChanged)?> LatestAsync(int count, CancellationToken cancellationToken) =>
        Task.FromResult<(ScenarioSummary, IReadOnlyList<ScenarioNodeComparison>)?>(
            (Comparison.Scenario, [.. Comparison.Nodes.OrderByDescending(n => Math.Abs(n.Scenario - n.Recorded)).Take(count)]));

    private static string Encode(string role, string nodeId) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(role + "\n" + nodeId));
}

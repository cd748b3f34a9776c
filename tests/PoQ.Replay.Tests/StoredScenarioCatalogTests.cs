using PoQ.Consensus.Rules;
using PoQ.Projections.Queries;
using PoQ.Projections.Replay;
using PoQ.Projections.Store;
using PoQ.Testing.Postgres;

namespace PoQ.Replay.Tests;

/// <summary>The auditor API's view of replay scenarios, over a real PostgreSQL.</summary>
[Collection(PostgresFixture.Collection)]
public sealed class StoredScenarioCatalogTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Catalog_NoScenarioEverWritten_ListsNoneAndCreatesNothing()
    {
        string connection = await new ReplayStoreTests(postgres).RecordAsync("catalog_empty", RuleCatalog.Create("trust"));
        using var store = PoqStore.Create(connection);
        var before = await ReplayStoreTests.FingerprintAsync(connection);
        var catalog = new StoredScenarioCatalog(store, connection);

        Assert.Empty(await catalog.ListAsync(CancellationToken.None));
        Assert.Null(await catalog.CompareAsync("nope", null, 100, CancellationToken.None));
        Assert.Null(await catalog.LatestAsync(5, CancellationToken.None));
        Assert.Equal(before, await ReplayStoreTests.FingerprintAsync(connection));
    }

    [Fact]
    public async Task Catalog_WrittenScenario_ComparesPerNodeWithTheRecordedRewards()
    {
        string connection = await new ReplayStoreTests(postgres).RecordAsync("catalog_compare", RuleCatalog.Create("trust"));
        using var store = PoqStore.Create(connection);
        var history = await RecordedHistory.LoadAsync(store, connection, CancellationToken.None);
        await ReplayStoreTests.ReplayAsync(store, connection, new ReplayRequest("median-view", RuleCatalog.Create("median"), ReplayRange.All));
        var settled = await ScenarioStore.TasksAsync(connection, "median-view");
        var catalog = new StoredScenarioCatalog(store, connection);

        var summary = Assert.Single(await catalog.ListAsync(CancellationToken.None));
        Assert.Equal(("median-view", "median", history.Tasks.Count), (summary.Name, summary.Rule, (int)summary.Tasks));
        var comparison = await catalog.CompareAsync("median-view", null, 1_000, CancellationToken.None);
        Assert.NotNull(comparison);
        Assert.StartsWith("trust (", comparison!.RecordedRule, StringComparison.Ordinal);
        Assert.Null(comparison.NextCursor);

        // Each node's recorded and scenario totals equal the sums of the rewards in the events and the replay.
        double RecordedOf(string node) => history.Tasks.Sum(t =>
            (t.Facts.InferenceNodeId == node ? t.Settlement.InferenceReward : 0) + t.Settlement.Verdicts.Where(v => v.EvaluatorId == node).Sum(v => v.Reward));
        double ScenarioOf(string node) => settled.Sum(t =>
            (t.InferenceNodeId == node ? t.InferenceReward : 0) + t.Verdicts.Where(v => v.EvaluatorId == node).Sum(v => v.Reward));
        Assert.NotEmpty(comparison.Nodes);
        Assert.All(comparison.Nodes, n =>
        {
            Assert.Equal(RecordedOf(n.NodeId), n.Recorded, 9);
            Assert.Equal(ScenarioOf(n.NodeId), n.Scenario, 9);
        });
        Assert.Contains(comparison.Nodes, n => n.Recorded != n.Scenario);

        // Paged by node: pages of 3 concatenate to the whole list, in (role, node id) order, each node once.
        var paged = new List<PoQ.Projections.Queries.ScenarioNodeComparison>();
        string? cursor = null;
        do
        {
            var page = await catalog.CompareAsync("median-view", cursor, 3, CancellationToken.None);
            Assert.InRange(page!.Nodes.Count, 1, 3);
            paged.AddRange(page.Nodes);
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        Assert.Equal(comparison.Nodes, paged);

        // The landing page's "most changed": the largest |scenario − recorded| first.
        var (latest, mostChanged) = (await catalog.LatestAsync(3, CancellationToken.None))!.Value;
        Assert.Equal("median-view", latest.Name);
        Assert.Equal(comparison.Nodes.Select(n => Math.Abs(n.Scenario - n.Recorded)).OrderDescending().Take(3), mostChanged.Select(n => Math.Abs(n.Scenario - n.Recorded)));
    }
}

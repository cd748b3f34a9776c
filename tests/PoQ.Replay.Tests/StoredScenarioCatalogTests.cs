using PoQ.Consensus.Rules;
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
        Assert.Null(await catalog.CompareAsync("nope", CancellationToken.None));
        Assert.Equal(before, await ReplayStoreTests.FingerprintAsync(connection));
    }

    [Fact]
    public async Task Catalog_WrittenScenario_ComparesPerNodeWithTheRecordedRewards()
    {
        string connection = await new ReplayStoreTests(postgres).RecordAsync("catalog_compare", RuleCatalog.Create("trust"));
        using var store = PoqStore.Create(connection);
        var history = await RecordedHistory.LoadAsync(store, connection, CancellationToken.None);
        var (plan, _) = ReplayPlan.Resolve(history, "median-view", RuleCatalog.Create("median"), ReplayRange.All);
        var settled = plan!.Run();
        var (run, tasks) = plan.Documents(settled, new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero));
        await ScenarioStore.WriteAsync(store, run, tasks, CancellationToken.None);
        var catalog = new StoredScenarioCatalog(store, connection);

        var summary = Assert.Single(await catalog.ListAsync(CancellationToken.None));
        Assert.Equal(("median-view", "median", history.Tasks.Count), (summary.Name, summary.Rule, (int)summary.Tasks));
        var comparison = await catalog.CompareAsync("median-view", CancellationToken.None);
        Assert.NotNull(comparison);
        Assert.Equal("trust", comparison!.RecordedRule);

        // Each node's recorded and scenario totals equal the sums of the rewards in the events and the replay.
        double RecordedOf(string node) => history.Tasks.Sum(t =>
            (t.Facts.InferenceNodeId == node ? t.Settlement.InferenceReward : 0) + t.Settlement.Verdicts.Where(v => v.EvaluatorId == node).Sum(v => v.Reward));
        double ScenarioOf(string node) => settled.Sum(t =>
            (t.Facts.InferenceNodeId == node ? t.Settlement.InferenceReward : 0) + t.Settlement.Verdicts.Where(v => v.EvaluatorId == node).Sum(v => v.Reward));
        Assert.NotEmpty(comparison.Nodes);
        Assert.All(comparison.Nodes, n =>
        {
            Assert.Equal(RecordedOf(n.NodeId), n.Recorded, 9);
            Assert.Equal(ScenarioOf(n.NodeId), n.Scenario, 9);
        });
        Assert.Contains(comparison.Nodes, n => n.Recorded != n.Scenario);
    }
}

using System.Diagnostics;
using PoQ.Api.Tests.TestSupport;
using PoQ.Projections.Ledgers;
using PoQ.Projections.Queries;
using PoQ.Projections.Replay;
using PoQ.Projections.Store;
using Xunit.Abstractions;

namespace PoQ.Api.Tests.Scale;

/// <summary>The history endpoints over 100k tasks: the overview and the cursor pages are the projections' figures.</summary>
[Collection(LargeHistoryFixture.Collection)]
public sealed class ScaleApiTests(LargeHistoryFixture history, ITestOutputHelper output)
{
    [Fact]
    public async Task Overview_IsTheQuerysAnswer_OverEveryTask()
    {
        await using var api = await LargeHistoryApi.StartAsync(history);
        using var store = PoqStore.Create(history.ConnectionString);
        await using var session = store.QuerySession();
        var expected = await AuditOverviewQuery.LoadAsync(session, history.ConnectionString, new StoredScenarioCatalog(store, history.ConnectionString), default);

        var clock = Stopwatch.StartNew();
        string json = await api.Host.Client.GetStringAsync(new Uri("/api/overview", UriKind.Relative));
        output.WriteLine($"/api/overview over {LargeHistoryFixture.Tasks:N0} tasks: {clock.ElapsedMilliseconds} ms");

        Assert.Equal(AuditJson.Serialize(expected), json);
        Assert.Equal(LargeHistoryFixture.Tasks, expected.Status.TasksFinalized + expected.Status.TasksInsufficient);
        Assert.Equal((LargeHistoryFixture.Tasks, true), (expected.LastVerification!.TasksChecked, expected.LastVerification.Clean));
        Assert.Equal(LargeHistoryFixture.Scenario, expected.LatestScenario!.Name);
        Assert.Equal(AuditOverviewQuery.MostChangedCount, expected.MostChanged.Count);
        Assert.Equal(8 + 20, expected.Nodes.Count); // SimulatedHistory's defaults: 8 inference nodes, 20 evaluators
    }

    [Fact]
    public async Task History_PagesOfAThousand_AddUpToTheLedger()
    {
        await using var api = await LargeHistoryApi.StartAsync(history);
        var ledger = (await NodeLedgerTable.CombinedAsync(history.ConnectionString, "inf-1", default)).Single();

        var clock = Stopwatch.StartNew();
        var items = await ApiJson.AllHistoryAsync(api.Host, "inf-1", RecordedRoles.Inference, limit: 1_000);
        output.WriteLine($"{items.Count:N0} payouts of inf-1 in pages of 1,000: {clock.ElapsedMilliseconds} ms");

        var keys = items.Select(ApiJson.Key).ToList();
        Assert.True(ledger.Count > 10_000, $"inf-1 was paid {ledger.Count} times: the store is smaller than intended");
        Assert.Equal(ledger.Count, items.Count);
        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.All(keys.Zip(keys.Skip(1)), pair => Assert.True(ApiJson.NotNewer(pair.Second, pair.First)));
        Assert.Equal(ledger.LastPaidAt, keys[0].ClosedAt);
    }

    [Fact]
    public async Task Evaluator_TrajectoryIsDownsampled_ToThePointsAskedFor()
    {
        await using var api = await LargeHistoryApi.StartAsync(history);

        var audit = await ApiJson.GetAsync(api.Host, "/api/evaluators/ev-7?points=150");

        var trajectory = audit.GetProperty("trajectory").EnumerateArray().ToList();
        Assert.True(audit.GetProperty("tasks_settled").GetInt64() > 10 * 150);
        Assert.InRange(trajectory.Count, 100, 150);
        Assert.Equal(audit.GetProperty("current_trust").GetDouble(), trajectory[^1].GetProperty("after").GetDouble());
    }

    [Fact]
    public async Task ScenarioComparison_PagesThroughEveryNode()
    {
        await using var api = await LargeHistoryApi.StartAsync(history);

        var nodes = new List<(string Role, string Node)>();
        string? cursor = null;
        do
        {
            var page = await ApiJson.GetAsync(api.Host, $"/api/scenarios/{LargeHistoryFixture.Scenario}/comparison?limit=6" + (cursor is null ? "" : $"&cursor={cursor}"));
            nodes.AddRange(page.GetProperty("nodes").EnumerateArray().Select(n => (n.GetProperty("role").GetString()!, n.GetProperty("node_id").GetString()!)));
            cursor = page.GetProperty("next_cursor").GetString();
        }
        while (cursor is not null);

        var ledgers = await NodeLedgerTable.CombinedAsync(history.ConnectionString, null, default);
        Assert.Equal(ledgers.Select(l => (l.Role, l.NodeId)).Order(), nodes.Order());
        Assert.Equal(nodes.Count, nodes.Distinct().Count());
    }
}

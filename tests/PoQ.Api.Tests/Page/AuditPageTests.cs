using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using PoQ.Api.Tests.TestSupport;
using PoQ.Testing.Postgres;

namespace PoQ.Api.Tests.Page;

/// <summary>
/// The auditor page in headless Chromium over the small recorded history: look up a task and a node, an unknown id,
/// a scenario's comparison paged by its cursor, old-style links; the numbers on the page are the numbers the API returns.
/// (The same page over a 100k-task store: <see cref="Scale.AuditPageScaleTests"/>.)
/// </summary>
[Collection(PostgresFixture.Collection)]
public sealed class AuditPageTests(PostgresFixture postgres) : IAsyncLifetime
{
    private HeadlessChromium? chromium;
    private ApiHost? api;

    public async Task InitializeAsync()
    {
        api = await ApiHost.StartAsync(await RecordedHistory.SharedAsync(postgres), new FakeScenarioCatalog());
        chromium = await HeadlessChromium.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        if (chromium is not null)
        {
            await chromium.DisposeAsync();
        }

        if (api is not null)
        {
            await api.DisposeAsync();
        }
    }

    [Fact]
    public async Task Search_Task_ShowsTheNumbersTheApiReturns()
    {
        var page = await chromium!.OpenAsync(api!.Address, "");
        using var expected = await ApiJsonAsync("/api/tasks/t-6");

        await SearchAsync(page, "task", "t-6");

        var view = page.Locator("#task-view");
        var task = expected.RootElement;
        await AssertNumberAsync(view.Locator("[data-field=consensus]"), task.GetProperty("consensus").GetDouble());
        await AssertNumberAsync(view.Locator("[data-field=inference_reward]"), task.GetProperty("inference").GetProperty("reward").GetDouble());
        await AssertNumberAsync(view.Locator("[data-field=inference_normalized_cost]"), task.GetProperty("inference").GetProperty("normalized_cost").GetDouble());
        foreach (var evaluator in task.GetProperty("evaluators").EnumerateArray())
        {
            string id = evaluator.GetProperty("evaluator_id").GetString()!;
            var row = view.Locator($"tr[data-evaluator='{id}']");
            await AssertNumberAsync(row.Locator("[data-field=score]"), evaluator.GetProperty("score").GetDouble());
            await AssertNumberAsync(row.Locator("[data-field=weight]"), evaluator.GetProperty("weight").GetDouble());
            await AssertNumberAsync(row.Locator("[data-field=deviation]"), evaluator.GetProperty("deviation").GetDouble());
            await AssertNumberAsync(row.Locator("[data-field=reward]"), evaluator.GetProperty("reward").GetDouble());
            Assert.Equal($"#/evaluators/{id}", await row.Locator("a").GetAttributeAsync("href"));
        }

        Assert.Contains(task.GetProperty("params_hash").GetString()!, await view.Locator("[data-field=rule]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("#/nodes/" + task.GetProperty("inference").GetProperty("node_id").GetString(), await view.Locator("[data-field=inference_node] a").GetAttributeAsync("href"));
        Assert.Equal("#/tasks/t-6", new Uri(page.Url).Fragment);
    }

    [Fact]
    public async Task Task_Verify_ShowsTheRederivationIsClean()
    {
        var page = await chromium!.OpenAsync(api!.Address, "#/tasks/t-9");

        await page.ClickAsync("#verify-task");

        await Assertions.Expect(page.Locator("#task-verification [data-state]")).ToHaveAttributeAsync("data-state", "clean");
    }

    [Fact]
    public async Task Search_Node_ShowsTheLedgerAndTheHistoryChart()
    {
        var page = await chromium!.OpenAsync(api!.Address, "");
        using var expected = await ApiJsonAsync("/api/nodes/inf-1");

        await SearchAsync(page, "node", "inf-1");

        var role = expected.RootElement.GetProperty("inference");
        var table = page.Locator("#node-view table[data-role=inference]");
        await AssertNumberAsync(table.Locator("[data-field=count]"), role.GetProperty("count").GetDouble());
        await AssertNumberAsync(table.Locator("[data-field=total]"), role.GetProperty("total").GetDouble());
        await AssertNumberAsync(table.Locator("[data-field=mean]"), role.GetProperty("mean").GetDouble());
        await AssertNumberAsync(table.Locator("[data-field=variance]"), role.GetProperty("variance").GetDouble());

        // The small history fits one page: every payout listed, newest first, and no "older" link.
        long count = role.GetProperty("count").GetInt64();
        Assert.Equal(count, await page.Locator("#history tbody tr").CountAsync());
        Assert.Equal(count.ToString(CultureInfo.InvariantCulture), await page.Locator("#history-chart polyline").GetAttributeAsync("data-points"));
        Assert.Equal(0, await page.Locator("#older").CountAsync());
        Assert.Equal(role.GetProperty("history")[0].GetProperty("task_id").GetString(), await page.Locator("#history tbody tr").First.GetAttributeAsync("data-task"));
    }

    [Fact]
    public async Task Search_Unknown_ShowsTheProblemDetail()
    {
        var page = await chromium!.OpenAsync(api!.Address, "");

        await page.SelectOptionAsync("#kind", "task");
        await page.FillAsync("#query", "t-nope");
        await page.ClickAsync("#search");

        await HeadlessChromium.ViewShownAsync(page, "#/tasks/t-nope");
        Assert.Equal("unknown task 't-nope'", await page.Locator("#error").InnerTextAsync());
    }

    [Fact]
    public async Task Scenario_FromTheOverview_DrawsRecordedAndScenarioBars_PagedByCursor()
    {
        var page = await chromium!.OpenAsync(api!.Address, "");

        await page.ClickAsync("#scenarios a[data-id='median-what-if']");
        await HeadlessChromium.ViewShownAsync(page, "#/scenarios/median-what-if");

        foreach (var node in FakeScenarioCatalog.Comparison.Nodes)
        {
            Assert.Equal(node.Recorded, double.Parse(await page.Locator($"rect[data-node='{node.NodeId}'][data-series=recorded]").GetAttributeAsync("data-value") ?? "", CultureInfo.InvariantCulture));
            Assert.Equal(node.Scenario, double.Parse(await page.Locator($"rect[data-node='{node.NodeId}'][data-series=scenario]").GetAttributeAsync("data-value") ?? "", CultureInfo.InvariantCulture));
        }

        // Two nodes a page: the next page holds the third, reached through the cursor in the URL.
        await page.GotoAsync(api.Address + "#/scenarios/median-what-if?limit=2");
        await HeadlessChromium.ViewShownAsync(page, "#/scenarios/median-what-if?limit=2");
        Assert.Equal(2, await page.Locator("#comparison-table tbody tr").CountAsync());
        string next = (await page.Locator("#next-nodes").GetAttributeAsync("href"))!;
        await page.ClickAsync("#next-nodes");
        await HeadlessChromium.ViewShownAsync(page, next);
        Assert.Equal(FakeScenarioCatalog.Comparison.Nodes[^1].NodeId, await page.Locator("#comparison-table tbody tr").GetAttributeAsync("data-node"));
    }

    [Fact]
    public async Task OldStyleLink_OpensTheView()
    {
        var page = await chromium!.NewPageAsync();

        await page.GotoAsync(api!.Address + "#node/inf-2");

        await HeadlessChromium.ViewShownAsync(page, "#/nodes/inf-2");
        Assert.Equal("inf-2", await page.Locator("#node-view [data-field=node_id]").InnerTextAsync());
    }

    private static async Task SearchAsync(IPage page, string kind, string id)
    {
        await page.SelectOptionAsync("#kind", kind);
        await page.FillAsync("#query", id);
        await page.ClickAsync("#search");
        await page.Locator($"#{kind}-view").WaitForAsync();
    }

    private async Task<JsonDocument> ApiJsonAsync(string path) =>
        JsonDocument.Parse(await api!.Client.GetStringAsync(new Uri(path, UriKind.Relative)));

    // The cell shows 6 decimals (integers as they are) and carries the API's exact value in data-value.
    private static async Task AssertNumberAsync(ILocator cell, double expected)
    {
        string exact = await cell.GetAttributeAsync("data-value") ?? "";
        Assert.Equal(expected, double.Parse(exact, CultureInfo.InvariantCulture));
        string shown = expected == Math.Floor(expected) && Math.Abs(expected) < 1e15
            ? expected.ToString("0", CultureInfo.InvariantCulture)
            : expected.ToString("F6", CultureInfo.InvariantCulture);
        Assert.Equal(shown, await cell.InnerTextAsync());
    }
}

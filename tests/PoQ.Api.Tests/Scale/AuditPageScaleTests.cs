using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using PoQ.Api.Tests.TestSupport;
using PoQ.Projections.Ledgers;

namespace PoQ.Api.Tests.Scale;

/// <summary>
/// The auditor page in headless Chromium over the 100k-task store: the landing overview shows the store's figures,
/// every id is a link to its own view (its own URL: reload and back work), the node view pages its history through the
/// cursor, the evaluator view charts the downsampled trust trajectory, a task link shows the task.
/// </summary>
[Collection(LargeHistoryFixture.Collection)]
public sealed class AuditPageScaleTests(LargeHistoryFixture history) : IAsyncLifetime
{
    private LargeHistoryApi? api;
    private HeadlessChromium? chromium;

    private Uri Address => api!.Host.Address;

    public async Task InitializeAsync()
    {
        api = await LargeHistoryApi.StartAsync(history);
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
    public async Task Landing_ShowsTheOverviewFiguresOfTheProjections()
    {
        var overview = await ApiJson.GetAsync(api!.Host, "/api/overview");
        var ledgers = await NodeLedgerTable.CombinedAsync(history.ConnectionString, null, default);

        var page = await chromium!.OpenAsync(Address, "");

        // Status and the last verification.
        var status = overview.GetProperty("status");
        long finalized = await NumberAsync<long>(page.Locator("#status [data-field=tasks_finalized]"));
        long insufficient = await NumberAsync<long>(page.Locator("#status [data-field=tasks_insufficient]"));
        Assert.Equal((status.GetProperty("tasks_finalized").GetInt64(), status.GetProperty("tasks_insufficient").GetInt64()), (finalized, insufficient));
        Assert.Equal(LargeHistoryFixture.Tasks, finalized + insufficient);
        var verification = page.Locator("#verification [data-field=verification]");
        Assert.Equal("clean", await verification.GetAttributeAsync("data-state"));
        Assert.Equal(history.Verification.TasksChecked.ToString(CultureInfo.InvariantCulture), await verification.GetAttributeAsync("data-tasks-checked"));

        // Payouts by node: one bar per node ledger, its length the ledger's total; every node id a link to its view.
        foreach (var ledger in ledgers)
        {
            var bar = page.Locator($"#payouts-{ledger.Role} rect[data-node='{ledger.NodeId}']");
            Assert.Equal(ledger.Total, await NumberAsync<double>(bar));
        }

        Assert.Equal(ledgers.Count, await page.Locator("#payouts svg a[href^='#/nodes/']").CountAsync());
        Assert.Equal(ledgers.Count, await page.Locator("#node-ledgers a[data-kind=node]").CountAsync());

        // Trust distribution: the histogram counts every evaluator with a trust once, in the bin holding its trust; each
        // evaluator is listed, with its trust, as a link. (Under the recorded "trust" rule every weight climbs to w_max,
        // so this store's histogram is a single bar: what the test checks is that the page shows what the ledger holds.)
        var evaluators = overview.GetProperty("evaluators").EnumerateArray().ToList();
        var bins = await page.Locator("#trust-histogram rect").EvaluateAllAsync<double[][]>("bars => bars.map(b => [Number(b.dataset.from), Number(b.dataset.to), Number(b.dataset.count)])");
        var trusts = evaluators.Where(e => e.GetProperty("trust").ValueKind == JsonValueKind.Number).Select(e => e.GetProperty("trust").GetDouble()).ToList();
        Assert.Equal(trusts.Count, (int)bins.Sum(b => b[2]));
        Assert.Equal(20, trusts.Count);
        Assert.All(trusts, t => Assert.Contains(bins, b => b[2] > 0 && b[0] <= t && t <= b[1]));
        foreach (var evaluator in evaluators)
        {
            string id = evaluator.GetProperty("evaluator_id").GetString()!;
            var row = page.Locator($"#evaluator-trust tr[data-evaluator='{id}']");
            Assert.Equal($"#/evaluators/{id}", await row.Locator("a").GetAttributeAsync("href"));
            Assert.Equal(evaluator.GetProperty("trust").GetDouble(), await NumberAsync<double>(row.Locator("[data-field=trust]")));
        }

        // The latest scenario and its most-changed nodes, in the API's order.
        Assert.Equal(LargeHistoryFixture.Scenario, await page.Locator("#latest-scenario a[data-kind=scenario]").InnerTextAsync());
        var expected = overview.GetProperty("most_changed").EnumerateArray().Select(n => n.GetProperty("node_id").GetString()).ToList();
        var shown = await page.Locator("#most-changed tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.node)");
        Assert.NotEmpty(expected);
        Assert.Equal(expected, shown);
    }

    [Fact]
    public async Task NodeLink_OpensTheNodeView_OlderPagesThroughTheHistory_BackAndReloadKeepThePage()
    {
        var page = await chromium!.OpenAsync(Address, "");
        var ledger = (await NodeLedgerTable.CombinedAsync(history.ConnectionString, "inf-3", default)).Single();

        await page.ClickAsync("#payouts-inference a[href='#/nodes/inf-3']");
        await HeadlessChromium.ViewShownAsync(page, "#/nodes/inf-3");

        Assert.Equal(ledger.Count, await NumberAsync<long>(page.Locator("#node-view table[data-role=inference] [data-field=count]")));
        var first = await RowsAsync(page);
        var api1 = await ApiJson.GetAsync(api!.Host, "/api/nodes/inf-3/history");
        Assert.Equal(api1.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("task_id").GetString()!), first.Select(r => r.TaskId));

        string older = (await page.Locator("#older").GetAttributeAsync("href"))!;
        Assert.StartsWith("#/nodes/inf-3?cursor=", older, StringComparison.Ordinal);
        await page.ClickAsync("#older");
        await HeadlessChromium.ViewShownAsync(page, older);
        var second = await RowsAsync(page);

        Assert.Equal(50, first.Count);
        Assert.Equal(50, second.Count);
        Assert.Empty(first.Intersect(second));
        Assert.True(second.Max(r => r.ClosedAt) <= first.Min(r => r.ClosedAt), "the older page holds a payout newer than the first page's");
        Assert.True(second.Min(r => r.ClosedAt) < first.Min(r => r.ClosedAt));

        // A third page continues from the second, and back returns to it, unchanged.
        string oldest = (await page.Locator("#older").GetAttributeAsync("href"))!;
        await page.ClickAsync("#older");
        await HeadlessChromium.ViewShownAsync(page, oldest);
        var third = await RowsAsync(page);
        Assert.True(third.Max(r => r.ClosedAt) <= second.Min(r => r.ClosedAt));
        Assert.Empty(third.Intersect(second));
        await page.GoBackAsync();
        await HeadlessChromium.ViewShownAsync(page, older);
        Assert.Equal(second, await RowsAsync(page));

        // The page has its own URL: a reload shows it again.
        await page.ReloadAsync();
        await HeadlessChromium.ViewShownAsync(page, older);
        Assert.Equal(second, await RowsAsync(page));
    }

    [Fact]
    public async Task EvaluatorLink_OpensTheTrajectoryChart_OfTheDownsampledTrust()
    {
        var page = await chromium!.OpenAsync(Address, "");
        var link = page.Locator("#evaluator-trust a[data-kind=evaluator]").First;
        string id = (await link.GetAttributeAsync("data-id"))!;

        await link.ClickAsync();
        await HeadlessChromium.ViewShownAsync(page, $"#/evaluators/{id}");

        var audit = await ApiJson.GetAsync(api!.Host, $"/api/evaluators/{id}?points=200");
        int points = audit.GetProperty("trajectory").GetArrayLength();
        Assert.True(audit.GetProperty("tasks_settled").GetInt64() > points, "nothing to downsample");
        Assert.InRange(points, 2, 200);
        var line = page.Locator("#trajectory polyline");
        Assert.Equal(points.ToString(CultureInfo.InvariantCulture), await line.GetAttributeAsync("data-points"));
        Assert.Equal(points, (await line.GetAttributeAsync("points"))!.Split(' ').Length);
        Assert.Equal(audit.GetProperty("current_trust").GetDouble(), await NumberAsync<double>(page.Locator("[data-field=current_trust]")));
        Assert.Equal(points, await page.Locator("#trajectory-points a[data-kind=task]").CountAsync());
    }

    [Fact]
    public async Task TaskLink_FromANodesHistory_ShowsThatTask()
    {
        var page = await chromium!.OpenAsync(Address, "#/nodes/inf-5");
        var link = page.Locator("#history a[data-kind=task]").Nth(7);
        string taskId = (await link.GetAttributeAsync("data-id"))!;

        await link.ClickAsync();
        await HeadlessChromium.ViewShownAsync(page, $"#/tasks/{taskId}");

        var task = await ApiJson.GetAsync(api!.Host, $"/api/tasks/{taskId}");
        Assert.StartsWith("h-t", taskId, StringComparison.Ordinal);
        Assert.Equal(taskId, await page.Locator("#task-view [data-field=task_id]").InnerTextAsync());
        Assert.Equal("inf-5", await page.Locator("#task-view [data-field=inference_node] a").InnerTextAsync());
        Assert.Equal(task.GetProperty("consensus").GetDouble(), await NumberAsync<double>(page.Locator("#task-view [data-field=consensus]")));
        Assert.Equal(task.GetProperty("evaluators").GetArrayLength(), await page.Locator("#task-view tr[data-evaluator] a[data-kind=evaluator]").CountAsync());
    }

    private static async Task<List<(DateTimeOffset ClosedAt, string TaskId, string Role)>> RowsAsync(IPage page)
    {
        var rows = await page.Locator("#history tbody tr").EvaluateAllAsync<string[][]>("rows => rows.map(r => [r.dataset.closedAt, r.dataset.task, r.dataset.role])");
        return [.. rows.Select(r => (DateTimeOffset.Parse(r[0], CultureInfo.InvariantCulture), r[1], r[2]))];
    }

    private static async Task<T> NumberAsync<T>(ILocator element)
        where T : IParsable<T> =>
        T.Parse(await element.GetAttributeAsync("data-value") ?? "", CultureInfo.InvariantCulture);
}

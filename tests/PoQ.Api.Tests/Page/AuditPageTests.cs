using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using PoQ.Api.Tests.TestSupport;
using PoQ.Testing.Postgres;

namespace PoQ.Api.Tests.Page;

/// <summary>
/// The auditor page in headless Chromium: Debian's <c>/usr/bin/chromium</c> driven by Playwright (no browser
/// download; .ci/run installs the package). Load, search a task and a node, compare a scenario, and check that the
/// numbers on the page are the numbers the API returns.
/// </summary>
[Collection(PostgresFixture.Collection)]
public sealed class AuditPageTests(PostgresFixture postgres) : IAsyncLifetime
{
    private const string Chromium = "/usr/bin/chromium";
    private readonly string profile = Path.Combine(Path.GetTempPath(), "poq-page-test-" + Guid.NewGuid().ToString("N")[..8]);
    private IPlaywright? playwright;
    private IBrowserContext? browser;
    private ApiHost? api;

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: apt-get install -y chromium (.ci/run does)");
        api = await ApiHost.StartAsync(await RecordedHistory.SharedAsync(postgres), new FakeScenarioCatalog());
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchPersistentContextAsync(profile, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.CloseAsync();
        }

        playwright?.Dispose();
        if (api is not null)
        {
            await api.DisposeAsync();
        }

        if (Directory.Exists(profile))
        {
            Directory.Delete(profile, recursive: true);
        }
    }

    [Fact]
    public async Task Search_Task_ShowsTheNumbersTheApiReturns()
    {
        var page = await OpenAsync();
        using var expected = await ApiJsonAsync("/api/tasks/t-6");

        await SearchAsync(page, "task", "t-6");

        var view = page.Locator("#task-view");
        var task = expected.RootElement;
        await AssertNumberAsync(view.Locator("[data-field=consensus]"), task.GetProperty("consensus").GetDouble());
        await AssertNumberAsync(view.Locator("[data-field=inference_reward]"), task.GetProperty("inference").GetProperty("reward").GetDouble());
        await AssertNumberAsync(view.Locator("[data-field=inference_normalized_cost]"), task.GetProperty("inference").GetProperty("normalized_cost").GetDouble());
        foreach (var evaluator in task.GetProperty("evaluators").EnumerateArray())
        {
            var row = view.Locator($"tr[data-evaluator='{evaluator.GetProperty("evaluator_id").GetString()}']");
            await AssertNumberAsync(row.Locator("[data-field=score]"), evaluator.GetProperty("score").GetDouble());
            await AssertNumberAsync(row.Locator("[data-field=weight]"), evaluator.GetProperty("weight").GetDouble());
            await AssertNumberAsync(row.Locator("[data-field=deviation]"), evaluator.GetProperty("deviation").GetDouble());
            await AssertNumberAsync(row.Locator("[data-field=reward]"), evaluator.GetProperty("reward").GetDouble());
        }

        Assert.Contains(task.GetProperty("params_hash").GetString()!, await view.Locator("[data-field=rule]").InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_Node_ShowsTheLedgerAndTheHistoryChart()
    {
        var page = await OpenAsync();
        using var expected = await ApiJsonAsync("/api/nodes/inf-1");

        await SearchAsync(page, "node", "inf-1");

        var role = expected.RootElement.GetProperty("inference");
        var table = page.Locator("#node-view table[data-role=inference]");
        await AssertNumberAsync(table.Locator("[data-field=count]"), role.GetProperty("count").GetDouble());
        await AssertNumberAsync(table.Locator("[data-field=total]"), role.GetProperty("total").GetDouble());
        await AssertNumberAsync(table.Locator("[data-field=mean]"), role.GetProperty("mean").GetDouble());
        await AssertNumberAsync(table.Locator("[data-field=variance]"), role.GetProperty("variance").GetDouble());
        Assert.Equal(1, await page.Locator("#node-view svg path").CountAsync());
    }

    [Fact]
    public async Task Search_Unknown_ShowsTheProblemDetail()
    {
        var page = await OpenAsync();

        await page.SelectOptionAsync("#kind", "task");
        await page.FillAsync("#query", "t-nope");
        await page.ClickAsync("#search");

        await page.Locator("#error").WaitForAsync();
        Assert.Equal("unknown task 't-nope'", await page.Locator("#error").InnerTextAsync());
    }

    [Fact]
    public async Task Compare_Scenario_DrawsRecordedAndScenarioBarsPerNode()
    {
        var page = await OpenAsync();
        await page.Locator("#scenario option").First.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });

        await page.ClickAsync("#compare-button");

        await page.Locator("#comparison-chart").WaitForAsync();
        foreach (var node in FakeScenarioCatalog.Comparison.Nodes)
        {
            Assert.Equal(node.Recorded, double.Parse(await page.Locator($"rect[data-node='{node.NodeId}'][data-series=recorded]").GetAttributeAsync("data-value") ?? "", CultureInfo.InvariantCulture));
            Assert.Equal(node.Scenario, double.Parse(await page.Locator($"rect[data-node='{node.NodeId}'][data-series=scenario]").GetAttributeAsync("data-value") ?? "", CultureInfo.InvariantCulture));
        }
    }

    private async Task<IPage> OpenAsync()
    {
        var page = await browser!.NewPageAsync();
        await page.GotoAsync(api!.Address.ToString());
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("tasks finalized");
        return page;
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

using Microsoft.Playwright;
using PoQ.Api.Tests.TestSupport;
using PoQ.Projections.Detection;
using PoQ.Projections.Store;
using PoQ.Testing.Postgres;

namespace PoQ.Api.Tests.Api;

/// <summary>
/// Detection flags in <c>/api/evaluators/{id}</c> and on the auditor page's evaluator view: a recorded detection run
/// (a cartel ev-1–ev-2, a copier ev-5) over the small history; ev-3 is in no flag.
/// </summary>
[Collection(PostgresFixture.Collection)]
public sealed class EvaluatorFlagsApiTests(PostgresFixture postgres)
{
    private const string RunId = "detection-test-run";

    [Fact]
    public async Task Evaluator_BeforeAnyDetection_HasNoRunAndNoFlags()
    {
        await using var api = await ApiHost.StartAsync(await RecordedHistory.CreateAsync(postgres, "flags_none"));

        var evaluator = await ApiJson.GetAsync(api, "/api/evaluators/ev-5");

        Assert.Equal(System.Text.Json.JsonValueKind.Null, evaluator.GetProperty("detection_run").ValueKind);
        Assert.Equal(0, evaluator.GetProperty("flags").GetArrayLength());
    }

    [Fact]
    public async Task Evaluator_Flagged_CarriesItsFlagsWithEvidence_OthersNone()
    {
        await using var api = await ApiHost.StartAsync(await FlaggedAsync("flags_api"));

        var copier = await ApiJson.GetAsync(api, "/api/evaluators/ev-5");
        var member = await ApiJson.GetAsync(api, "/api/evaluators/ev-2");
        var clean = await ApiJson.GetAsync(api, "/api/evaluators/ev-3");

        Assert.Equal(RunId, copier.GetProperty("detection_run").GetString());
        var copy = Assert.Single(copier.GetProperty("flags").EnumerateArray());
        Assert.Equal("copy", copy.GetProperty("kind").GetString());
        Assert.Equal(30, copy.GetProperty("evidence").GetProperty("copies").GetInt32());
        Assert.Equal(1e-9, copy.GetProperty("statistic").GetDouble());
        var cartel = Assert.Single(member.GetProperty("flags").EnumerateArray());
        Assert.Equal("collusion", cartel.GetProperty("kind").GetString());
        Assert.Equal(["ev-1", "ev-2"], cartel.GetProperty("evaluators").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(12, Assert.Single(cartel.GetProperty("pairs").EnumerateArray()).GetProperty("close_agreements").GetInt32());
        Assert.Equal(RunId, clean.GetProperty("detection_run").GetString());
        Assert.Equal(0, clean.GetProperty("flags").GetArrayLength());
    }

    [Fact]
    public async Task Page_EvaluatorView_ListsItsFlags_WithLinksAndExactNumbers()
    {
        await using var api = await ApiHost.StartAsync(await FlaggedAsync("flags_page"));
        await using var chromium = await HeadlessChromium.LaunchAsync();

        var page = await chromium.OpenAsync(api.Address, "#/evaluators/ev-1");
        var row = page.Locator("#detection-flags tr[data-kind=collusion]");

        await Assertions.Expect(row).ToHaveCountAsync(1);
        Assert.Equal("#/evaluators/ev-2", await row.Locator("a[data-id=ev-2]").GetAttributeAsync("href"));
        Assert.Equal(1e-6, double.Parse((await row.Locator("[data-field=statistic]").GetAttributeAsync("data-value"))!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("1.00e-6", await row.Locator("[data-field=statistic]").InnerTextAsync());
        Assert.Contains("12/40 close agreements", await row.InnerTextAsync(), StringComparison.Ordinal);
        var clean = await chromium.OpenAsync(api.Address, "#/evaluators/ev-3");
        Assert.Contains("not flagged by detection run " + RunId, await clean.Locator("#flags").InnerTextAsync(), StringComparison.Ordinal);
    }

    // The small history with a recorded run (planted flags: the API shows what is recorded, whatever the detector found).
    private async Task<string> FlaggedAsync(string prefix)
    {
        string connection = await RecordedHistory.CreateAsync(postgres, prefix);
        var coverage = new DetectionCoverage(RecordedHistory.Tasks, 150, "00ff", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddHours(1), "abcd", new Dictionary<string, string> { ["false_flag_rate"] = "0.01" });
        var pair = new FlaggedPair("ev-1", "ev-2", 40, 12, 0.02, 1e-6, 0, 0, 1, 0.8);
        EvaluatorFlagged[] flags =
        [
            new(RunId, "collusion", ["ev-1", "ev-2"], 1e-6, 1e-4, [pair], null, coverage),
            new(RunId, "copy", ["ev-5"], 1e-9, 2e-3, [], new CopyCounts(35, 30, 0.01, 1e-9, 12, 0.1), coverage),
        ];
        using var store = PoqStore.Create(connection);
        await DetectionLog.RecordAsync(store, flags, new DetectionCompleted(RunId, flags.Length, 10, 5, 0.02, 0.01, coverage), CancellationToken.None);
        return connection;
    }
}

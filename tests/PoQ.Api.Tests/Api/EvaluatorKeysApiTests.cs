using Microsoft.Playwright;
using PoQ.Api.Tests.TestSupport;
using PoQ.Projections.Registry;
using PoQ.Projections.Store;
using PoQ.Testing.Postgres;

namespace PoQ.Api.Tests.Api;

/// <summary>
/// An evaluator's registry keys in <c>/api/evaluators/{id}</c> and on the auditor page: ev-2 registered and rotated
/// (recorded as the pipeline records <c>poq.registry</c>), ev-3 never registered.
/// </summary>
[Collection(PostgresFixture.Collection)]
public sealed class EvaluatorKeysApiTests(PostgresFixture postgres)
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Evaluator_Registered_ListsItsKeysOldestFirst_AnUnregisteredOneNone()
    {
        await using var api = await ApiHost.StartAsync(await RegisteredAsync("keys_api"));

        var registered = await ApiJson.GetAsync(api, "/api/evaluators/ev-2");
        var unregistered = await ApiJson.GetAsync(api, "/api/evaluators/ev-3");

        var keys = registered.GetProperty("keys").EnumerateArray().ToList();
        Assert.Equal(["register", "rotate"], keys.Select(k => k.GetProperty("action").GetString()));
        Assert.Equal(["00aa00aa00aa00aa", "11bb11bb11bb11bb"], keys.Select(k => k.GetProperty("fingerprint").GetString()));
        Assert.Equal(At.AddMinutes(5), keys[1].GetProperty("effective_at").GetDateTimeOffset());
        Assert.Equal("poq.registry/0/1", keys[1].GetProperty("source").GetString());
        Assert.Equal(0, unregistered.GetProperty("keys").GetArrayLength());
    }

    [Fact]
    public async Task Page_EvaluatorView_ShowsTheKeys()
    {
        await using var api = await ApiHost.StartAsync(await RegisteredAsync("keys_page"));
        await using var chromium = await HeadlessChromium.LaunchAsync();

        var page = await chromium.OpenAsync(api.Address, "#/evaluators/ev-2");
        var rotated = page.Locator("#registry-keys tr[data-action=rotate]");

        await Assertions.Expect(rotated).ToHaveCountAsync(1);
        Assert.Equal("11bb11bb11bb11bb", await rotated.Locator("[data-field=fingerprint]").InnerTextAsync());
        var unregistered = await chromium.OpenAsync(api.Address, "#/evaluators/ev-3");
        Assert.Contains("never registered", await unregistered.Locator("#keys").InnerTextAsync(), StringComparison.Ordinal);
    }

    private async Task<string> RegisteredAsync(string prefix)
    {
        string connection = await RecordedHistory.CreateAsync(postgres, prefix);
        using var store = PoqStore.Create(connection);
        await using var session = store.LightweightSession();
        session.Events.Append(RegistryEvent.StreamOf("ev-2"),
            new EvaluatorRegistered { EvaluatorId = "ev-2", Fingerprint = "00aa00aa00aa00aa", PublicKey = "AA==", EffectiveAt = At, Source = "poq.registry/0/0" },
            new EvaluatorKeyRotated { EvaluatorId = "ev-2", Fingerprint = "11bb11bb11bb11bb", PublicKey = "AQ==", EffectiveAt = At.AddMinutes(5), Source = "poq.registry/0/1" });
        await session.SaveChangesAsync();
        return connection;
    }
}

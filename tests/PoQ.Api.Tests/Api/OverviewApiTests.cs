using PoQ.Api.Tests.TestSupport;
using PoQ.Projections.Queries;
using PoQ.Projections.Store;
using PoQ.Projections.Verification;
using PoQ.Testing.Postgres;

namespace PoQ.Api.Tests.Api;

/// <summary><c>/api/overview</c>: the landing view, exactly what <see cref="AuditOverviewQuery"/> returns.</summary>
[Collection(PostgresFixture.Collection)]
public sealed class OverviewApiTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Overview_IsTheQuerysAnswer_WithVerificationAndLatestScenario()
    {
        string connection = await RecordedHistory.CreateAsync(postgres, "overview_api");
        using var store = PoqStore.Create(connection);
        var at = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
        await VerificationLog.RecordAsync(store, new VerificationReport(43, [new AuditMismatch("t-7", "consensus", "1", "2")]), at, default);
        await using var api = await ApiHost.StartAsync(connection, new FakeScenarioCatalog());
        await using var session = store.QuerySession();
        var expected = await AuditOverviewQuery.LoadAsync(session, connection, new FakeScenarioCatalog(), default);

        string json = await api.Client.GetStringAsync(new Uri("/api/overview", UriKind.Relative));

        Assert.Equal(AuditJson.Serialize(expected), json);
        Assert.Equal(at, expected.LastVerification!.VerifiedAt);
        Assert.Equal((1L, false), (expected.LastVerification.Mismatches, expected.LastVerification.Clean));
        Assert.Equal(RecordedHistory.InferenceNodes.Length + RecordedHistory.Evaluators.Length, expected.Nodes.Count);
        Assert.Equal(RecordedHistory.Evaluators, expected.Evaluators.Select(e => e.EvaluatorId));
        Assert.Equal(FakeScenarioCatalog.Comparison.Scenario, expected.LatestScenario);
        Assert.NotEmpty(expected.MostChanged);
    }

    [Fact]
    public async Task Overview_EmptyStore_IsZerosAndEmptyLists()
    {
        await using var api = await ApiHost.StartAsync(await postgres.CreateDatabaseAsync("overview_empty"));

        var overview = await ApiJson.GetAsync(api, "/api/overview");

        Assert.Equal(0, overview.GetProperty("status").GetProperty("tasks_finalized").GetInt64());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, overview.GetProperty("last_verification").ValueKind);
        Assert.Equal(0, overview.GetProperty("nodes").GetArrayLength());
        Assert.Equal(0, overview.GetProperty("evaluators").GetArrayLength());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, overview.GetProperty("latest_scenario").ValueKind);
    }
}

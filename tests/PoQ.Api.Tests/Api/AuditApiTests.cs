using System.Net;
using System.Text.Json;
using PoQ.Api.Tests.TestSupport;
using PoQ.Projections.Queries;
using PoQ.Projections.Store;
using PoQ.Testing.Postgres;

namespace PoQ.Api.Tests.Api;

[Collection(PostgresFixture.Collection)]
public sealed class AuditApiTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Task_Known_ReturnsTheSameBreakdownAsTheQuery()
    {
        string connection = await RecordedHistory.SharedAsync(postgres);
        await using var api = await ApiHost.StartAsync(connection);
        using var store = PoqStore.Create(connection);
        await using var session = store.QuerySession();
        var expected = await TaskAuditQuery.LoadAsync(session, connection, "t-5", default);

        using var response = await api.Client.GetAsync(new Uri("/api/tasks/t-5", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(AuditJson.Serialize(expected), await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/api/nodes/inf-2", "node_id")]
    [InlineData("/api/nodes/ev-1?history=5", "evaluator")]
    [InlineData("/api/evaluators/ev-2?recent=1", "trajectory")]
    [InlineData("/api/tasks/t-3/verification", "tasks_checked")]
    [InlineData("/api/status", "tasks_finalized")]
    [InlineData("/api/nodes", "role")]
    [InlineData("/api/scenarios", "[")]
    [InlineData("/api/overview", "last_verification")]
    [InlineData("/api/nodes/inf-1/history?role=inference&limit=2", "next_cursor")]
    [InlineData("/api/evaluators/ev-1?points=3", "trajectory")]
    public async Task Get_Known_IsOkJson(string path, string expected)
    {
        await using var api = await ApiHost.StartAsync(await RecordedHistory.SharedAsync(postgres));

        using var response = await api.Client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/tasks/t-nope", "no such task", "unknown task 't-nope'")]
    [InlineData("/api/tasks/t-nope/verification", "no such task", "unknown task 't-nope'")]
    [InlineData("/api/nodes/n-nope", "no such node", "unknown node 'n-nope'")]
    [InlineData("/api/nodes/n-nope/history", "no such node", "unknown node 'n-nope'")]
    [InlineData("/api/evaluators/e-nope", "no such evaluator", "unknown evaluator 'e-nope'")]
    [InlineData("/api/scenarios/what-if/comparison", "no such scenario", "unknown scenario 'what-if'")]
    [InlineData("/api/no-such-route", "Not Found", null)]
    public async Task Get_Unknown_Is404Problem(string path, string title, string? detail)
    {
        await using var api = await ApiHost.StartAsync(await RecordedHistory.SharedAsync(postgres));

        var problem = await ProblemAsync(api, path, HttpStatusCode.NotFound);

        Assert.Equal(title, problem.GetProperty("title").GetString());
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
        if (detail is not null)
        {
            Assert.Equal(detail, problem.GetProperty("detail").GetString());
        }
    }

    [Theory]
    [InlineData("/api/nodes/inf-1?history=0", "history = 0: must be within [1, 100000]")]
    [InlineData("/api/nodes/inf-1?history=abc", "history = 'abc': not an integer")]
    [InlineData("/api/evaluators/ev-1?recent=5000", "recent = 5000: must be within [1, 1000]")]
    public async Task Get_OutOfRange_Is400Problem(string path, string detail)
    {
        await using var api = await ApiHost.StartAsync(await RecordedHistory.SharedAsync(postgres));

        var problem = await ProblemAsync(api, path, HttpStatusCode.BadRequest);

        Assert.Equal(detail, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Get_TooLongId_Is400Problem()
    {
        await using var api = await ApiHost.StartAsync(await RecordedHistory.SharedAsync(postgres));

        var problem = await ProblemAsync(api, "/api/tasks/" + new string('x', 201), HttpStatusCode.BadRequest);

        Assert.Contains("at most 200", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmptyStore_StatusIsZeroAndLookupsSaySo()
    {
        await using var api = await ApiHost.StartAsync(await postgres.CreateDatabaseAsync("audit_api_empty"));

        string status = await api.Client.GetStringAsync(new Uri("/api/status", UriKind.Relative));
        var problem = await ProblemAsync(api, "/api/tasks/t-1", HttpStatusCode.NotFound);

        Assert.Contains("\"tasks_finalized\":0", status, StringComparison.Ordinal);
        Assert.Equal("empty store", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Scenario_Known_ComparesPerNode()
    {
        await using var api = await ApiHost.StartAsync(await RecordedHistory.SharedAsync(postgres), new FakeScenarioCatalog());

        string json = await api.Client.GetStringAsync(new Uri("/api/scenarios/median-what-if/comparison", UriKind.Relative));

        Assert.Equal(AuditJson.Serialize(FakeScenarioCatalog.Comparison), json);
    }

    [Fact]
    public async Task Listens_OnLoopbackOnly()
    {
        await using var api = await ApiHost.StartAsync(await RecordedHistory.SharedAsync(postgres));

        Assert.Equal("127.0.0.1", api.Address.Host);
    }

    private static async Task<JsonElement> ProblemAsync(ApiHost api, string path, HttpStatusCode status)
    {
        using var response = await api.Client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        string body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}

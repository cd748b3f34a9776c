using System.Net;
using PoQ.Api.Tests.TestSupport;
using PoQ.Testing.Postgres;

namespace PoQ.Api.Tests.Api;

/// <summary><c>/api/scenarios/{name}/comparison?cursor=&amp;limit=</c>: the per-node comparison a page of nodes at a time.</summary>
[Collection(PostgresFixture.Collection)]
public sealed class ScenarioComparisonApiTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Pages_FollowTheCursor_ThroughEveryNode()
    {
        await using var api = await ApiHost.StartAsync(await RecordedHistory.SharedAsync(postgres), new FakeScenarioCatalog());

        var first = await ApiJson.GetAsync(api, "/api/scenarios/median-what-if/comparison?limit=2");
        string cursor = first.GetProperty("next_cursor").GetString()!;
        var second = await ApiJson.GetAsync(api, $"/api/scenarios/median-what-if/comparison?limit=2&cursor={cursor}");

        var nodes = first.GetProperty("nodes").EnumerateArray().Concat(second.GetProperty("nodes").EnumerateArray())
            .Select(n => (n.GetProperty("role").GetString()!, n.GetProperty("node_id").GetString()!)).ToList();
        Assert.Equal(2, first.GetProperty("nodes").GetArrayLength());
        Assert.Equal(FakeScenarioCatalog.Comparison.Nodes.Select(n => (n.Role, n.NodeId)), nodes);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, second.GetProperty("next_cursor").ValueKind);
    }

    [Theory]
    [InlineData("/api/scenarios/median-what-if/comparison?cursor=bm9kZQ", "cursor: not a cursor this query returned (pass next_cursor from the previous page unchanged)")]
    [InlineData("/api/scenarios/median-what-if/comparison?cursor=%2A%2A", "cursor: not a cursor this query returned (pass next_cursor from the previous page unchanged)")]
    [InlineData("/api/scenarios/median-what-if/comparison?limit=0", "limit = 0: must be within [1, 1000]")]
    [InlineData("/api/scenarios/median-what-if/comparison?limit=1001", "limit = 1001: must be within [1, 1000]")]
    public async Task BadParameter_Is400NamingIt(string path, string detail)
    {
        await using var api = await ApiHost.StartAsync(await RecordedHistory.SharedAsync(postgres), new FakeScenarioCatalog());

        var problem = await ApiJson.ProblemAsync(api, path, HttpStatusCode.BadRequest);

        Assert.Equal(detail, problem.GetProperty("detail").GetString());
    }
}

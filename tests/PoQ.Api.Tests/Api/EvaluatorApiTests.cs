using System.Net;
using PoQ.Api.Tests.TestSupport;
using PoQ.Testing.Postgres;

namespace PoQ.Api.Tests.Api;

/// <summary><c>/api/evaluators/{id}?points=N</c>: the trust trajectory downsampled to at most N points.</summary>
[Collection(PostgresFixture.Collection)]
public sealed class EvaluatorApiTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Points_BoundTheTrajectory_EndingAtTheCurrentTrust()
    {
        await using var api = await ApiHost.StartAsync(await RecordedHistory.SharedAsync(postgres));

        var full = await ApiJson.GetAsync(api, "/api/evaluators/ev-3?points=2000");
        var sampled = await ApiJson.GetAsync(api, "/api/evaluators/ev-3?points=5");

        long settled = full.GetProperty("tasks_settled").GetInt64();
        Assert.True(settled > 5, $"ev-3 settled {settled} tasks: too few to downsample");
        Assert.Equal(settled, full.GetProperty("trajectory").GetArrayLength());
        var points = sampled.GetProperty("trajectory").EnumerateArray().ToList();
        Assert.InRange(points.Count, 2, 5);
        Assert.Equal(full.GetProperty("current_trust").GetDouble(), points[^1].GetProperty("after").GetDouble());
        var times = points.Select(p => p.GetProperty("closed_at").GetDateTimeOffset()).ToList();
        Assert.Equal(times.Order(), times);
    }

    [Theory]
    [InlineData("/api/evaluators/ev-1?points=0", "points = 0: must be within [1, 2000]")]
    [InlineData("/api/evaluators/ev-1?points=2001", "points = 2001: must be within [1, 2000]")]
    [InlineData("/api/evaluators/ev-1?points=many", "points = 'many': not an integer")]
    public async Task BadPoints_Is400(string path, string detail)
    {
        await using var api = await ApiHost.StartAsync(await RecordedHistory.SharedAsync(postgres));

        var problem = await ApiJson.ProblemAsync(api, path, HttpStatusCode.BadRequest);

        Assert.Equal(detail, problem.GetProperty("detail").GetString());
    }
}

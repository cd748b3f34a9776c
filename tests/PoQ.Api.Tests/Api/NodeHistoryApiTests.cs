using System.Net;
using PoQ.Api.Tests.TestSupport;
using PoQ.Projections.Ledgers;
using PoQ.Testing.Postgres;

namespace PoQ.Api.Tests.Api;

/// <summary><c>/api/nodes/{id}/history</c>: keyset pages, newest first, that add up to the node's ledger exactly.</summary>
[Collection(PostgresFixture.Collection)]
public sealed class NodeHistoryApiTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Pages_Concatenated_AreExactlyTheLedgersPayouts_NewestFirst()
    {
        string connection = await RecordedHistory.SharedAsync(postgres);
        await using var api = await ApiHost.StartAsync(connection);
        var ledgers = await NodeLedgerTable.CombinedAsync(connection, null, default);
        Assert.NotEmpty(ledgers);

        foreach (var node in ledgers.Select(l => l.NodeId).Distinct(StringComparer.Ordinal))
        {
            // A page size that divides no ledger count evenly in general: the last page is a partial one.
            var items = await ApiJson.AllHistoryAsync(api, node, role: null, limit: 4);

            var keys = items.Select(ApiJson.Key).ToList();
            Assert.Equal(ledgers.Where(l => l.NodeId == node).Sum(l => l.Count), items.Count);
            Assert.Equal(keys.Count, keys.Distinct().Count());
            Assert.All(keys.Zip(keys.Skip(1)), pair => Assert.True(ApiJson.NotNewer(pair.Second, pair.First), $"{node}: {pair.Second} listed after {pair.First}"));
            Assert.All(items, p => Assert.Equal(node, p.GetProperty("node_id").GetString()));
            Assert.Equal(
                (double)ledgers.Where(l => l.NodeId == node).Sum(l => l.Amount),
                items.Sum(p => p.GetProperty("reward").GetDouble()),
                9);
        }
    }

    [Fact]
    public async Task Role_Filter_ListsThatRoleOnly()
    {
        string connection = await RecordedHistory.SharedAsync(postgres);
        await using var api = await ApiHost.StartAsync(connection);
        var ledger = (await NodeLedgerTable.CombinedAsync(connection, "ev-3", default)).Single(l => l.Role == RecordedRoles.Evaluator);

        var items = await ApiJson.AllHistoryAsync(api, "ev-3", RecordedRoles.Evaluator, limit: 5);

        Assert.Equal(ledger.Count, items.Count);
        Assert.All(items, p => Assert.Equal(RecordedRoles.Evaluator, p.GetProperty("role").GetString()));
        Assert.All(items, p => Assert.NotEqual(System.Text.Json.JsonValueKind.Null, p.GetProperty("trust_after").ValueKind));
    }

    [Fact]
    public async Task NodeAudit_NextCursor_ContinuesInTheHistory()
    {
        await using var api = await ApiHost.StartAsync(await RecordedHistory.SharedAsync(postgres));

        var audit = await ApiJson.GetAsync(api, "/api/nodes/ev-1?history=3");
        var first = audit.GetProperty("evaluator").GetProperty("history").EnumerateArray().ToList();
        string cursor = audit.GetProperty("evaluator").GetProperty("next_cursor").GetString()!;
        var next = await ApiJson.GetAsync(api, $"/api/nodes/ev-1/history?role=evaluator&limit=3&cursor={cursor}");

        var older = next.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(3, first.Count);
        Assert.Equal(3, older.Count);
        var firstTasks = first.Select(h => h.GetProperty("task_id").GetString()).ToList();
        Assert.Empty(older.Select(p => p.GetProperty("task_id").GetString()).Intersect(firstTasks));
        Assert.True(older.Max(p => p.GetProperty("closed_at").GetDateTimeOffset()) < first.Min(h => h.GetProperty("closed_at").GetDateTimeOffset()));
        Assert.Equal(audit.GetProperty("evaluator").GetProperty("last_paid_at").GetDateTimeOffset(), first[0].GetProperty("closed_at").GetDateTimeOffset());
    }

    [Fact]
    public async Task LastPage_HasNoNextCursor()
    {
        string connection = await RecordedHistory.SharedAsync(postgres);
        await using var api = await ApiHost.StartAsync(connection);
        long count = (await NodeLedgerTable.CombinedAsync(connection, "inf-2", default)).Sum(l => l.Count);

        var page = await ApiJson.GetAsync(api, $"/api/nodes/inf-2/history?limit={count}");

        Assert.Equal(count, page.GetProperty("items").GetArrayLength());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, page.GetProperty("next_cursor").ValueKind);
    }

    [Theory]
    [InlineData("/api/nodes/inf-1/history?cursor=not-a-cursor", "cursor: not a cursor this query returned (pass next_cursor from the previous page unchanged)")]
    [InlineData("/api/nodes/inf-1/history?cursor=%25%25", "cursor: not a cursor this query returned (pass next_cursor from the previous page unchanged)")]
    [InlineData("/api/nodes/inf-1/history?role=validator", "role = 'validator': must be inference or evaluator")]
    [InlineData("/api/nodes/inf-1/history?limit=0", "limit = 0: must be within [1, 1000]")]
    [InlineData("/api/nodes/inf-1/history?limit=1001", "limit = 1001: must be within [1, 1000]")]
    [InlineData("/api/nodes/inf-1/history?limit=ten", "limit = 'ten': not an integer")]
    public async Task BadParameter_Is400NamingIt(string path, string detail)
    {
        await using var api = await ApiHost.StartAsync(await RecordedHistory.SharedAsync(postgres));

        var problem = await ApiJson.ProblemAsync(api, path, HttpStatusCode.BadRequest);

        Assert.Equal(detail, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task UnknownNode_Is404()
    {
        await using var api = await ApiHost.StartAsync(await RecordedHistory.SharedAsync(postgres));

        var problem = await ApiJson.ProblemAsync(api, "/api/nodes/n-nope/history", HttpStatusCode.NotFound);

        Assert.Equal("unknown node 'n-nope'", problem.GetProperty("detail").GetString());
    }
}

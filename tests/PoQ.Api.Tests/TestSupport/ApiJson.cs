using System.Net;
using System.Text.Json;

namespace PoQ.Api.Tests.TestSupport;

/// <summary>GETs against a started API, parsed.</summary>
public static class ApiJson
{
    public static async Task<JsonElement> GetAsync(ApiHost api, string path)
    {
        ArgumentNullException.ThrowIfNull(api);
        using var response = await api.Client.GetAsync(new Uri(path, UriKind.Relative));
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>An error answer: its status and content type checked, its problem body returned.</summary>
    public static async Task<JsonElement> ProblemAsync(ApiHost api, string path, HttpStatusCode status)
    {
        ArgumentNullException.ThrowIfNull(api);
        using var response = await api.Client.GetAsync(new Uri(path, UriKind.Relative));
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"GET {path}: {(int)response.StatusCode} {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Every payout of a node (one role or both) by following next_cursor, pages of <paramref name="limit"/>.</summary>
    public static async Task<List<JsonElement>> AllHistoryAsync(ApiHost api, string nodeId, string? role, int limit)
    {
        var items = new List<JsonElement>();
        string? cursor = null;
        int pages = 0;
        do
        {
            string query = $"limit={limit}" + (role is null ? "" : $"&role={role}") + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
            var page = await GetAsync(api, $"/api/nodes/{Uri.EscapeDataString(nodeId)}/history?{query}");
            var pageItems = page.GetProperty("items").EnumerateArray().ToList();
            Assert.InRange(pageItems.Count, 1, limit);
            items.AddRange(pageItems);
            cursor = page.GetProperty("next_cursor").GetString();
            Assert.True(++pages < 100_000, "paging does not end");
        }
        while (cursor is not null);

        return items;
    }

    /// <summary>A payout's position in the history order: (close time, task id, role).</summary>
    public static (DateTimeOffset ClosedAt, string TaskId, string Role) Key(JsonElement payout) =>
        (payout.GetProperty("closed_at").GetDateTimeOffset(), payout.GetProperty("task_id").GetString()!, payout.GetProperty("role").GetString()!);

    /// <summary>
    /// True when <paramref name="a"/> can follow <paramref name="b"/> newest first: closed no later. (Ties within a close
    /// time are ordered by the database's collation; the callers check those rows are distinct and none is lost.)
    /// </summary>
    public static bool NotNewer((DateTimeOffset ClosedAt, string TaskId, string Role) a, (DateTimeOffset ClosedAt, string TaskId, string Role) b) =>
        a.ClosedAt <= b.ClosedAt;
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PoQ.Projections.Ledgers;
using PoQ.Projections.Queries;

namespace PoQ.Api;

/// <summary>
/// <c>/api/nodes/{id}/history?role=inference|evaluator&amp;cursor=TOKEN&amp;limit=N</c>: one page of a node's payouts,
/// newest first, from the payout history projection (one index range scan per page, whatever the history's size). The
/// page's <c>next_cursor</c> fetches the next, older page; pages do not shift while new payouts arrive.
/// </summary>
internal static class NodeHistoryEndpoint
{
    public static void Map(RouteGroupBuilder api) => api.MapGet("/nodes/{id}/history", HistoryAsync);

    private static async Task<IResult> HistoryAsync(string id, string? role, string? cursor, string? limit, AuditStoreConnection connection, CancellationToken cancellationToken)
    {
        var (size, sizeProblem) = QueryParameters.Count("limit", limit, NodeHistoryQuery.DefaultLimit, NodeHistoryQuery.MaxLimit);
        var (after, cursorProblem) = QueryParameters.Cursor(cursor) is { } token ? HistoryCursor.Decode(token) : (null, null);
        if ((AuditLimits.IdProblem("node", id) ?? RoleProblem(role) ?? sizeProblem ?? cursorProblem) is { } problem)
        {
            return Problems.BadRequest(problem);
        }

        // The node ledger says whether the node was ever paid (an index lookup); an empty page alone could not tell an
        // unknown node from the end of a known one's history.
        if ((await NodeLedgerTable.CombinedAsync(connection.ConnectionString, id, cancellationToken).ConfigureAwait(false)).Count == 0)
        {
            return await Unknown.NotFoundAsync("node", id, connection, cancellationToken).ConfigureAwait(false);
        }

        var page = await NodeHistoryQuery.PageAsync(connection.ConnectionString, id, string.IsNullOrEmpty(role) ? null : role, after, size, cancellationToken).ConfigureAwait(false);
        return Results.Ok(page);
    }

    private static string? RoleProblem(string? role) =>
        string.IsNullOrEmpty(role) || role is RecordedRoles.Inference or RecordedRoles.Evaluator
            ? null
            : $"role = '{role}': must be {RecordedRoles.Inference} or {RecordedRoles.Evaluator}";
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PoQ.Projections.Queries;
using PoQ.Projections.Replay;

namespace PoQ.Api;

/// <summary>
/// <c>/api/scenarios</c> and <c>/api/scenarios/{name}/comparison?cursor=TOKEN&amp;limit=N</c>: replay scenarios and a
/// page of one scenario's per-node comparison with the recorded history, nodes in (role, node id) order.
/// </summary>
internal static class ScenarioEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/scenarios", ScenariosAsync);
        api.MapGet("/scenarios/{name}/comparison", ComparisonAsync);
    }

    private static async Task<IResult> ScenariosAsync(IScenarioCatalog scenarios, CancellationToken cancellationToken) =>
        Results.Ok(await scenarios.ListAsync(cancellationToken).ConfigureAwait(false));

    private static async Task<IResult> ComparisonAsync(string name, string? cursor, string? limit, IScenarioCatalog scenarios, CancellationToken cancellationToken)
    {
        var (size, sizeProblem) = QueryParameters.Count("limit", limit, AuditLimits.DefaultScenarioNodes, AuditLimits.MaxScenarioNodes);
        string? after = QueryParameters.Cursor(cursor);
        string? cursorProblem = after is null || StoredScenarioCatalog.IsCursor(after)
            ? null
            : "cursor: not a cursor this query returned (pass next_cursor from the previous page unchanged)";
        if ((AuditLimits.IdProblem("scenario", name) ?? sizeProblem ?? cursorProblem) is { } problem)
        {
            return Problems.BadRequest(problem);
        }

        var comparison = await scenarios.CompareAsync(name, after, size, cancellationToken).ConfigureAwait(false);
        return comparison is not null ? Results.Ok(comparison) : Problems.NotFound("no such scenario", $"unknown scenario '{name}'");
    }
}

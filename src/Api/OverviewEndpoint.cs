using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PoQ.Projections.Queries;

namespace PoQ.Api;

/// <summary>
/// <c>/api/overview</c>: the auditor's landing view in one answer — store status, the last full verification, every
/// node's payout totals, every evaluator's trust, the latest scenario's most-changed nodes — all from projections and
/// small tables, so it costs the same at 100k tasks as at 100.
/// </summary>
internal static class OverviewEndpoint
{
    public static void Map(RouteGroupBuilder api) => api.MapGet("/overview", OverviewAsync);

    private static async Task<IResult> OverviewAsync(IDocumentStore store, IScenarioCatalog scenarios, AuditStoreConnection connection, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        return Results.Ok(await AuditOverviewQuery.LoadAsync(session, connection.ConnectionString, scenarios, cancellationToken).ConfigureAwait(false));
    }
}

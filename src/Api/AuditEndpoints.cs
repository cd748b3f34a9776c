using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Npgsql;
using PoQ.Projections.History;
using PoQ.Projections.Queries;
using PoQ.Projections.Verification;

namespace PoQ.Api;

/// <summary>
/// GET-only endpoints over the audit projections: <c>/api/status</c>, <c>/api/overview</c>, <c>/api/tasks/{id}</c>,
/// <c>/api/tasks/{id}/verification</c>, <c>/api/nodes</c>, <c>/api/nodes/{id}?history=N</c>,
/// <c>/api/nodes/{id}/history?role=&amp;cursor=&amp;limit=</c>, <c>/api/evaluators/{id}?recent=N&amp;points=N</c>,
/// <c>/api/scenarios</c>, <c>/api/scenarios/{name}/comparison?cursor=&amp;limit=</c>.
/// </summary>
internal static class AuditEndpoints
{
    public static void Map(WebApplication app)
    {
        var api = app.MapGroup("/api");
        api.AddEndpointFilter(async (context, next) =>
        {
            try
            {
                return await next(context).ConfigureAwait(false);
            }
            catch (NpgsqlException error)
            {
                return Problems.Unavailable(error.Message);
            }
        });

        api.MapGet("/status", StatusAsync);
        OverviewEndpoint.Map(api);
        api.MapGet("/tasks/{id}", TaskAsync);
        api.MapGet("/tasks/{id}/verification", VerificationAsync);
        api.MapGet("/nodes", NodesAsync);
        api.MapGet("/nodes/{id}", NodeAsync);
        NodeHistoryEndpoint.Map(api);
        api.MapGet("/evaluators/{id}", EvaluatorAsync);
        ScenarioEndpoints.Map(api);
    }

    private static async Task<IResult> StatusAsync(IDocumentStore store, AuditStoreConnection connection, CancellationToken cancellationToken)
    {
        if (await HistoryReader.PresenceAsync(connection.ConnectionString, cancellationToken).ConfigureAwait(false) != HistoryPresence.Recorded)
        {
            return Results.Ok(new StoreSummary(0, 0, 0, 0, "", "", 0, 0, 0, 0));
        }

        await using var session = store.QuerySession();
        return Results.Ok(await StoreSummaryQuery.LoadAsync(session, connection.ConnectionString, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<IResult> TaskAsync(string id, IDocumentStore store, AuditStoreConnection connection, CancellationToken cancellationToken)
    {
        if (AuditLimits.IdProblem("task", id) is { } problem)
        {
            return Problems.BadRequest(problem);
        }

        await using var session = store.QuerySession();
        var audit = await TaskAuditQuery.LoadAsync(session, connection.ConnectionString, id, cancellationToken).ConfigureAwait(false);
        return audit is not null ? Results.Ok(audit) : await UnknownAsync("task", id, connection, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IResult> VerificationAsync(string id, IDocumentStore store, AuditStoreConnection connection, CancellationToken cancellationToken)
    {
        if (AuditLimits.IdProblem("task", id) is { } problem)
        {
            return Problems.BadRequest(problem);
        }

        await using var session = store.QuerySession();
        var report = await AuditVerification.TaskAsync(session, connection.ConnectionString, id, cancellationToken).ConfigureAwait(false);
        return report is not null ? Results.Ok(report) : await UnknownAsync("task", id, connection, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IResult> NodesAsync(AuditStoreConnection connection, CancellationToken cancellationToken)
    {
        if (await HistoryReader.PresenceAsync(connection.ConnectionString, cancellationToken).ConfigureAwait(false) != HistoryPresence.Recorded)
        {
            return Results.Ok(Array.Empty<NodeLedgerLine>());
        }

        return Results.Ok(await StoreSummaryQuery.LedgersAsync(connection.ConnectionString, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<IResult> NodeAsync(string id, string? history, AuditStoreConnection connection, CancellationToken cancellationToken)
    {
        var (limit, limitProblem) = QueryParameters.Count("history", history, AuditLimits.DefaultHistory, AuditLimits.MaxHistory);
        if ((AuditLimits.IdProblem("node", id) ?? limitProblem) is { } problem)
        {
            return Problems.BadRequest(problem);
        }

        var audit = await NodeAuditQuery.LoadAsync(connection.ConnectionString, id, limit, cancellationToken).ConfigureAwait(false);
        return audit is not null ? Results.Ok(audit) : await UnknownAsync("node", id, connection, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IResult> EvaluatorAsync(string id, string? recent, string? points, IDocumentStore store, AuditStoreConnection connection, CancellationToken cancellationToken)
    {
        var (limit, limitProblem) = QueryParameters.Count("recent", recent, AuditLimits.DefaultRecent, AuditLimits.MaxRecent);
        var (samples, samplesProblem) = QueryParameters.Count("points", points, NodeHistoryQuery.DefaultPoints, NodeHistoryQuery.MaxPoints);
        if ((AuditLimits.IdProblem("evaluator", id) ?? limitProblem ?? samplesProblem) is { } problem)
        {
            return Problems.BadRequest(problem);
        }

        await using var session = store.QuerySession();
        var audit = await EvaluatorAuditQuery.LoadAsync(session, connection.ConnectionString, id, limit, samples, cancellationToken).ConfigureAwait(false);
        return audit is not null ? Results.Ok(audit) : await UnknownAsync("evaluator", id, connection, cancellationToken).ConfigureAwait(false);
    }

    private static Task<IResult> UnknownAsync(string kind, string id, AuditStoreConnection connection, CancellationToken cancellationToken) =>
        Unknown.NotFoundAsync(kind, id, connection, cancellationToken);
}

using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Npgsql;
using PoQ.Projections.Audit;

namespace PoQ.Api;

/// <summary>
/// GET-only endpoints over the audit projections: <c>/api/status</c>, <c>/api/tasks/{id}</c>,
/// <c>/api/tasks/{id}/verification</c>, <c>/api/nodes</c>, <c>/api/nodes/{id}?history=N</c>,
/// <c>/api/evaluators/{id}?recent=N</c>, <c>/api/scenarios</c>, <c>/api/scenarios/{name}/comparison</c>.
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
        api.MapGet("/tasks/{id}", TaskAsync);
        api.MapGet("/tasks/{id}/verification", VerificationAsync);
        api.MapGet("/nodes", NodesAsync);
        api.MapGet("/nodes/{id}", NodeAsync);
        api.MapGet("/evaluators/{id}", EvaluatorAsync);
        api.MapGet("/scenarios", ScenariosAsync);
        api.MapGet("/scenarios/{name}/comparison", ComparisonAsync);
    }

    private static async Task<IResult> StatusAsync(IDocumentStore store, AuditStoreConnection connection, CancellationToken cancellationToken)
    {
        if (!await AuditStore.HasHistoryAsync(connection.ConnectionString, cancellationToken).ConfigureAwait(false))
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

    private static async Task<IResult> NodesAsync(IDocumentStore store, AuditStoreConnection connection, CancellationToken cancellationToken)
    {
        if (!await AuditStore.HasHistoryAsync(connection.ConnectionString, cancellationToken).ConfigureAwait(false))
        {
            return Results.Ok(Array.Empty<NodeLedgerLine>());
        }

        await using var session = store.QuerySession();
        return Results.Ok(await StoreSummaryQuery.LedgersAsync(connection.ConnectionString, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<IResult> NodeAsync(string id, string? history, IDocumentStore store, AuditStoreConnection connection, CancellationToken cancellationToken)
    {
        var (limit, parseProblem) = Count("history", history, AuditLimits.DefaultHistory);
        if ((AuditLimits.IdProblem("node", id) ?? parseProblem ?? AuditLimits.CountProblem("history", limit, AuditLimits.MaxHistory)) is { } problem)
        {
            return Problems.BadRequest(problem);
        }

        await using var session = store.QuerySession();
        var audit = await NodeAuditQuery.LoadAsync(session, connection.ConnectionString, id, limit, cancellationToken).ConfigureAwait(false);
        return audit is not null ? Results.Ok(audit) : await UnknownAsync("node", id, connection, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IResult> EvaluatorAsync(string id, string? recent, IDocumentStore store, AuditStoreConnection connection, CancellationToken cancellationToken)
    {
        var (limit, parseProblem) = Count("recent", recent, AuditLimits.DefaultRecent);
        if ((AuditLimits.IdProblem("evaluator", id) ?? parseProblem ?? AuditLimits.CountProblem("recent", limit, AuditLimits.MaxRecent)) is { } problem)
        {
            return Problems.BadRequest(problem);
        }

        await using var session = store.QuerySession();
        var audit = await EvaluatorAuditQuery.LoadAsync(session, connection.ConnectionString, id, limit, cancellationToken).ConfigureAwait(false);
        return audit is not null ? Results.Ok(audit) : await UnknownAsync("evaluator", id, connection, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IResult> ScenariosAsync(IScenarioCatalog scenarios, CancellationToken cancellationToken) =>
        Results.Ok(await scenarios.ListAsync(cancellationToken).ConfigureAwait(false));

    private static async Task<IResult> ComparisonAsync(string name, IScenarioCatalog scenarios, CancellationToken cancellationToken)
    {
        if (AuditLimits.IdProblem("scenario", name) is { } problem)
        {
            return Problems.BadRequest(problem);
        }

        var comparison = await scenarios.CompareAsync(name, cancellationToken).ConfigureAwait(false);
        return comparison is not null ? Results.Ok(comparison) : Problems.NotFound("no such scenario", $"unknown scenario '{name}'");
    }

    private static (int Value, string? Problem) Count(string name, string? text, int fallback) =>
        text is null ? (fallback, null)
        : int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out int value) ? (value, null)
        : (fallback, $"{name} = '{text}': not an integer");

    private static async Task<IResult> UnknownAsync(string kind, string id, AuditStoreConnection connection, CancellationToken cancellationToken) =>
        await AuditStore.HasHistoryAsync(connection.ConnectionString, cancellationToken).ConfigureAwait(false)
            ? Problems.NotFound($"no such {kind}", $"unknown {kind} '{id}'")
            : Problems.NotFound("empty store", $"unknown {kind} '{id}': the event store holds no recorded task");
}

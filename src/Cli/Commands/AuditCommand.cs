using System.CommandLine;
using PoQ.Cli.Services;
using PoQ.Projections.History;
using PoQ.Projections.Ledgers;
using PoQ.Projections.Queries;
using PoQ.Projections.Replay;

namespace PoQ.Cli.Commands;

/// <summary>
/// <c>poq audit task ID | node ID [--cursor] | evaluator ID | scenario NAME [--cursor] | verify [--task ID | --all] | digest | detect</c>: what an auditor needs to
/// explain, re-derive and fingerprint any payout, as tables or <c>--json</c> (snake_case, the HTTP API's shape).
/// </summary>
internal static class AuditCommand
{
    public static Command Create()
    {
        var command = new Command("audit", "Explain recorded payouts (task, node, evaluator), re-derive them from the recorded events (verify), fingerprint them (digest) and flag collusion and copying (detect).");
        command.Subcommands.Add(Lookup("task", "Show one task's breakdown: scores, weights, trimmed evaluators, consensus, rule and hash, cost inputs, rewards.", TaskAsync));
        command.Subcommands.Add(Lookup("node", "Show one node's payouts per role: count, total, mean, variance and its latest rewards; --cursor pages through older ones.", NodeAsync));
        command.Subcommands.Add(Lookup("evaluator", "Show one evaluator's trust trajectory (downsampled), deviation statistics and dead letters.", EvaluatorAsync));
        command.Subcommands.Add(Lookup("scenario", "Compare a replay scenario with the recorded history, node by node, a page at a time (--cursor, --limit).", ScenarioAsync));
        command.Subcommands.Add(AuditVerifyCommand.Create());
        command.Subcommands.Add(AuditDigestCommand.Create());
        command.Subcommands.Add(AuditDetectCommand.Create());
        return command;
    }

    private delegate Task<int> LookupBody(OpenStore store, string id, LookupOptions options, CancellationToken cancellationToken);

    private sealed record LookupOptions(bool Json, int History, int Recent, string? Cursor = null, string? Role = null, int Points = NodeHistoryQuery.DefaultPoints, int Limit = AuditLimits.DefaultScenarioNodes);

    private static Command Lookup(string kind, string description, LookupBody body)
    {
        var id = new Argument<string>("id") { Description = $"The {kind} id." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var store = new HistoryStoreOptions(HistoryPresence.Recorded);
        var command = new Command(kind, description) { id, json };
        store.AddTo(command);
        var history = new Option<int>("--history") { Description = $"Reward history entries per role, most recent (1–{AuditLimits.MaxHistory}).", DefaultValueFactory = _ => AuditLimits.DefaultHistory };
        var recent = new Option<int>("--recent") { Description = $"Most recent dead letters to list (1–{AuditLimits.MaxRecent}).", DefaultValueFactory = _ => AuditLimits.DefaultRecent };
        var cursor = new Option<string?>("--cursor") { Description = "Continue from this cursor (printed as next_cursor / 'older:' by the previous page)." };
        var role = new Option<string?>("--role") { Description = "Only this role's rewards: inference or evaluator." };
        var points = new Option<int>("--points") { Description = $"Trust trajectory points (1–{NodeHistoryQuery.MaxPoints}), downsampled over the evaluator's history.", DefaultValueFactory = _ => NodeHistoryQuery.DefaultPoints };
        var limit = new Option<int>("--limit") { Description = $"Nodes per page (1–{AuditLimits.MaxScenarioNodes}).", DefaultValueFactory = _ => AuditLimits.DefaultScenarioNodes };
        if (kind == "node")
        {
            command.Options.Add(history);
            command.Options.Add(cursor);
            command.Options.Add(role);
        }

        if (kind == "evaluator")
        {
            command.Options.Add(recent);
            command.Options.Add(points);
        }

        if (kind == "scenario")
        {
            command.Options.Add(cursor);
            command.Options.Add(limit);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            string value = parse.GetValue(id)!;
            var options = new LookupOptions(
                parse.GetValue(json),
                kind == "node" ? parse.GetValue(history) : AuditLimits.DefaultHistory,
                kind == "evaluator" ? parse.GetValue(recent) : AuditLimits.DefaultRecent,
                kind is "node" or "scenario" ? parse.GetValue(cursor) : null,
                kind == "node" ? parse.GetValue(role) : null,
                kind == "evaluator" ? parse.GetValue(points) : NodeHistoryQuery.DefaultPoints,
                kind == "scenario" ? parse.GetValue(limit) : AuditLimits.DefaultScenarioNodes);
            string? problem = AuditLimits.IdProblem(kind, value)
                ?? AuditLimits.CountProblem("--history", options.History, AuditLimits.MaxHistory)
                ?? AuditLimits.CountProblem("--recent", options.Recent, AuditLimits.MaxRecent)
                ?? AuditLimits.CountProblem("--points", options.Points, NodeHistoryQuery.MaxPoints)
                ?? AuditLimits.CountProblem("--limit", options.Limit, AuditLimits.MaxScenarioNodes)
                ?? (options.Role is null or RecordedRoles.Inference or RecordedRoles.Evaluator ? null : $"--role '{options.Role}': use inference or evaluator")
                ?? (kind == "node" && options.Cursor is { } token && HistoryCursor.Decode(token).Problem is { } bad ? "--" + bad : null)
                ?? (kind == "scenario" && options.Cursor is { } page && !StoredScenarioCatalog.IsCursor(page) ? "--cursor: not a cursor this query returned (pass the previous page's cursor unchanged)" : null);
            if (problem is not null)
            {
                return CliErrors.Fail(problem);
            }

            return await store.RunAsync(parse, opened => body(opened, value, options, cancellationToken), cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> TaskAsync(OpenStore store, string id, LookupOptions options, CancellationToken cancellationToken)
    {
        var audit = await TaskAuditQuery.LoadAsync(store.Session, store.Connection, id, cancellationToken).ConfigureAwait(false);
        if (audit is null)
        {
            return CliErrors.Fail($"unknown task '{id}': no such task in the recorded history");
        }

        Print(options.Json, audit, AuditRendering.Task);
        return 0;
    }

    private static async Task<int> NodeAsync(OpenStore store, string id, LookupOptions options, CancellationToken cancellationToken)
    {
        if (options.Cursor is not null || options.Role is not null)
        {
            // A page of the history (newest first, after the cursor): one index range scan, however long the history.
            var cursor = options.Cursor is null ? null : HistoryCursor.Decode(options.Cursor).Cursor;
            var page = await NodeHistoryQuery.PageAsync(store.Connection, id, options.Role, cursor, Math.Min(options.History, NodeHistoryQuery.MaxLimit), cancellationToken).ConfigureAwait(false);
            if (page.Items.Count == 0 && cursor is null)
            {
                return CliErrors.Fail($"unknown node '{id}': it was never paid{(options.Role is null ? "" : " as " + options.Role)}");
            }

            Print(options.Json, page, p => AuditRendering.NodeHistory(p, options.Role));
            return 0;
        }

        var audit = await NodeAuditQuery.LoadAsync(store.Connection, id, options.History, cancellationToken).ConfigureAwait(false);
        if (audit is null)
        {
            return CliErrors.Fail($"unknown node '{id}': it never inferred a task nor was paid as an evaluator");
        }

        Print(options.Json, audit, AuditRendering.Node);
        return 0;
    }

    private static async Task<int> EvaluatorAsync(OpenStore store, string id, LookupOptions options, CancellationToken cancellationToken)
    {
        var audit = await EvaluatorAuditQuery.LoadAsync(store.Session, store.Connection, id, options.Recent, options.Points, cancellationToken).ConfigureAwait(false);
        if (audit is null)
        {
            return CliErrors.Fail($"unknown evaluator '{id}': never sampled for a task and named by no dead letter");
        }

        Print(options.Json, audit, AuditRendering.Evaluator);
        return 0;
    }

    private static async Task<int> ScenarioAsync(OpenStore store, string id, LookupOptions options, CancellationToken cancellationToken)
    {
        var comparison = await new StoredScenarioCatalog(store.Documents, store.Connection).CompareAsync(id, options.Cursor, options.Limit, cancellationToken).ConfigureAwait(false);
        if (comparison is null)
        {
            return CliErrors.Fail($"unknown scenario '{id}': write one with `poq replay --scenario {id} --rule …`");
        }

        Print(options.Json, comparison, AuditRendering.Scenario);
        return 0;
    }

    private static void Print<T>(bool json, T audit, Action<T> render)
    {
        if (json)
        {
            Console.WriteLine(AuditJson.Serialize(audit));
        }
        else
        {
            render(audit);
        }
    }
}

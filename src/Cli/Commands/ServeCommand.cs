using System.CommandLine;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using PoQ.Api;
using PoQ.Cli.Services;
using PoQ.Projections.History;
using PoQ.Projections.Replay;
using PoQ.Projections.Store;
using Spectre.Console;

namespace PoQ.Cli.Commands;

/// <summary><c>poq serve [--port 5080] [--database NAME]</c>: the read-only audit API and auditor page on 127.0.0.1 until Ctrl-C.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "Loopback port (1–65535).", DefaultValueFactory = _ => AuditApiOptions.DefaultPort };
        var store = new HistoryStoreOptions(HistoryPresence.Recorded);
        var command = new Command("serve", "Serve the read-only audit HTTP API (/api/…) and the auditor page on http://127.0.0.1:PORT until Ctrl-C.") { port };
        store.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            int value = parse.GetValue(port);
            if (value is < 1 or > 65_535)
            {
                return CliErrors.Fail($"--port {value}: must be within [1, 65535]");
            }

            var (connection, error) = await store.ResolveAsync(parse, cancellationToken).ConfigureAwait(false);
            if (connection is null)
            {
                return CliErrors.Fail(error!);
            }

            using var documents = PoqStore.Create(connection);
            await using var app = AuditApi.Build(new AuditApiOptions { ConnectionString = connection, Port = value, Scenarios = new StoredScenarioCatalog(documents, connection) });
            try
            {
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (IOException bind) when (bind.InnerException is SocketException || bind.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                return CliErrors.Fail($"port {value} is in use on 127.0.0.1: pass --port");
            }

            AnsiConsole.MarkupLine($"[green]serving[/] {Markup.Escape(AuditApi.BoundAddress(app).ToString())} (auditor page; API under /api) — Ctrl-C stops");
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                Console.WriteLine("stopping…");
            }

            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}

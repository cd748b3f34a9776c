using System.CommandLine;
using System.Globalization;
using PoQ.Cli.Json;
using PoQ.Cli.Services;
using PoQ.Hosting.Kafka;
using PoQ.Ingest.Contract;
using PoQ.Pipeline.Resilience;
using PoQ.Pipeline.Status;
using PoQ.Projections.History;
using Spectre.Console;

namespace PoQ.Cli.Commands;

/// <summary><c>poq status [--json]</c>: what the pipeline has recorded, dead letters by reason, consumer lag.</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var store = new HistoryStoreOptions(HistoryPresence.Empty);
        var kafka = new Option<string?>("--kafka") { Description = "Kafka bootstrap for the consumer lag (default: the broker recorded under $POQ_HOME)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var command = new Command("status", "Show tasks finalized, insufficient, scores accepted, rewards, dead letters by reason and consumer lag.") { kafka, json };
        store.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (connection, located) = await store.LocateAsync(parse, cancellationToken).ConfigureAwait(false);
            var running = InstanceHealthFile.Running();
            if (connection is null)
            {
                return CliErrors.Fail(located == HistoryStoreOptions.NoServer && running.Count > 0 ? DatabaseDown(running, "not running") : located!);
            }

            string? bootstrap = parse.GetValue(kafka) ?? PoqHome.RememberedBroker();
            if (bootstrap is not null)
            {
                NativeKafka.EnsureLoaded();
            }

            PipelineStatusReport report;
            try
            {
                // Checked first: querying through Marten would create its tables in a database that never held a store.
                var presence = await HistoryReader.PresenceAsync(connection, cancellationToken).ConfigureAwait(false);
                if (HistoryStoreOptions.Shortfall(presence, HistoryPresence.Empty, connection) is { } missing)
                {
                    return CliErrors.Fail(missing);
                }

                report = await PipelineStatusQuery.LoadAsync(connection, bootstrap, TopicNames.Default, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception error) when (PostgresFaults.IsTransient(error))
            {
                return CliErrors.Fail(DatabaseDown(running, error.GetBaseException().Message));
            }

            if (parse.GetValue(json))
            {
                CliJson.Print(StatusJson.Of(report, running));
                return 0;
            }

            Render(report);
            foreach (var instance in running.Where(r => r.BrokerUnavailableSince is not null || r.DatabaseUnavailableSince is not null))
            {
                AnsiConsole.MarkupLine(Markup.Escape(Outages(instance)));
            }

            return 0;
        });
        return command;
    }

    // During a database outage the store cannot say anything; the running instances' health files can.
    private static string DatabaseDown(IReadOnlyList<InstanceHealthFile> running, string reason)
    {
        var seen = running.Where(r => r.DatabaseUnavailableSince is not null).OrderBy(r => r.DatabaseUnavailableSince).FirstOrDefault();
        return seen is null
            ? running.Count == 0
                ? $"PostgreSQL is not reachable ({reason}): start it (`poq run` starts the local one under $POQ_HOME) or pass --postgres CONNSTRING"
                : $"database unavailable ({reason}); {running.Count} poq run instance(s) alive — start PostgreSQL again, they resume by themselves"
            : string.Create(CultureInfo.InvariantCulture, $"database unavailable since {seen.DatabaseUnavailableSince:yyyy-MM-dd HH:mm:ss}Z (instance {seen.Instance}, group {seen.Group}, retrying for up to {seen.MaxOutageSeconds:0} s: {seen.DatabaseLastError}); start PostgreSQL again and the pipeline resumes by itself");
    }

    private static string Outages(InstanceHealthFile instance) =>
        string.Create(CultureInfo.InvariantCulture, $"instance {instance.Instance}: ")
        + string.Join("; ", new[]
        {
            instance.DatabaseUnavailableSince is { } db ? string.Create(CultureInfo.InvariantCulture, $"database unavailable since {db:HH:mm:ss}Z") : null,
            instance.BrokerUnavailableSince is { } broker ? string.Create(CultureInfo.InvariantCulture, $"broker unavailable since {broker:HH:mm:ss}Z") : null,
        }.OfType<string>());

    private static void Render(PipelineStatusReport report)
    {
        var table = new Table().Title("PoQ status").AddColumn("").AddColumn(new TableColumn("").RightAligned()).HideHeaders();
        table.AddRow("tasks finalized", F(report.TasksFinalized));
        table.AddRow("tasks insufficient", F(report.TasksInsufficient));
        table.AddRow("scores accepted", F(report.ScoresAccepted));
        table.AddRow("rewards paid", F(report.Rewards.Count));
        table.AddRow("rewards total (inference / evaluators)", string.Create(CultureInfo.InvariantCulture, $"{report.Rewards.Total:F4} ({report.Rewards.Inference:F4} / {report.Rewards.Evaluators:F4})"));
        table.AddRow("consumer lag", report.ConsumerLag is { } lag ? F(lag) : $"unknown — {Markup.Escape(report.ConsumerLagNote ?? "")}");
        table.AddRow("rule", Markup.Escape($"{report.Rule} ({report.ParamsHash})"));
        AnsiConsole.Write(table);
        var letters = new Table().Title("dead letters by reason").AddColumn("reason").AddColumn(new TableColumn("count").RightAligned());
        foreach (var (reason, count) in report.DeadLetters)
        {
            letters.AddRow(reason, F(count));
        }

        AnsiConsole.Write(letters);
        foreach (string loss in report.DataLoss)
        {
            AnsiConsole.MarkupLine($"[red bold]{Markup.Escape(loss)}[/]");
        }
    }

    private static string F(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}

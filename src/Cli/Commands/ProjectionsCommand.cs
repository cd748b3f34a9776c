using System.CommandLine;
using System.Globalization;
using PoQ.Cli.Json;
using PoQ.Cli.Services;
using PoQ.Projections.History;
using PoQ.Projections.Rebuild;
using PoQ.Projections.Store;
using Spectre.Console;

namespace PoQ.Cli.Commands;

/// <summary><c>poq projections list | rebuild [--name NAME]</c>: the reward projections and their rebuild from the events.</summary>
internal static class ProjectionsCommand
{
    public static Command Create()
    {
        var command = new Command("projections", "The reward projections (Marten, inline): list them, or rebuild them from the recorded events.");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Rebuild());
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "List the projections and the tables they write.");
        command.SetAction(_ =>
        {
            var table = new Table().AddColumn("name").AddColumn("table").AddColumn("lifecycle");
            foreach (var (name, tableName) in ProjectionCatalog.All)
            {
                table.AddRow(name, tableName, "inline");
            }

            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }

    private static Command Rebuild()
    {
        var name = new Option<string?>("--name") { Description = $"Rebuild only this projection ({string.Join(", ", ProjectionCatalog.All.Select(p => p.Name))}); default: all." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object per projection instead of a table." };
        var store = new HistoryStoreOptions(HistoryPresence.Empty);
        var command = new Command("rebuild", "Rebuild projections from the recorded events with Marten's rebuild (wipe, replay every event); stop `poq run` on the store first.") { name, json };
        store.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            string? only = parse.GetValue(name);
            if (only is not null && ProjectionCatalog.TableOf(only) is null)
            {
                return CliErrors.Fail($"--name '{only}': unknown projection; known: {string.Join(", ", ProjectionCatalog.All.Select(p => p.Name))}");
            }

            var (connection, error) = await store.ResolveAsync(parse, cancellationToken).ConfigureAwait(false);
            if (connection is null)
            {
                return CliErrors.Fail(error!);
            }

            string[] names = only is null ? [.. ProjectionCatalog.All.Select(p => p.Name)] : [only];
            using var documents = PoqStore.Create(connection);
            var results = parse.GetValue(json)
                ? await ProjectionRebuild.RunAsync(documents, connection, names, null, cancellationToken).ConfigureAwait(false)
                : await AnsiConsole.Progress().StartAsync(async context =>
                {
                    var bars = names.ToDictionary(n => n, n => context.AddTask($"rebuilding {n}", maxValue: 1));
                    var progress = new SynchronousProgress<(string Name, long Done, long Total)>(p => (bars[p.Name].MaxValue, bars[p.Name].Value) = (Math.Max(1, p.Total), p.Done));
                    return await ProjectionRebuild.RunAsync(documents, connection, names, progress, cancellationToken).ConfigureAwait(false);
                }).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                foreach (var r in results)
                {
                    CliJson.Print(RebuildJson.Of(r));
                }

                return 0;
            }

            var table = new Table().AddColumn("projection").AddColumn(new TableColumn("events").RightAligned()).AddColumn(new TableColumn("tasks").RightAligned())
                .AddColumn(new TableColumn("rows").RightAligned()).AddColumn(new TableColumn("seconds").RightAligned()).AddColumn(new TableColumn("tasks / s").RightAligned());
            foreach (var r in results)
            {
                table.AddRow(r.Name, F(r.Events), F(r.Tasks), F(r.Rows), r.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture), r.TasksPerSecond.ToString("N0", CultureInfo.InvariantCulture));
            }

            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }

    private static string F(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}

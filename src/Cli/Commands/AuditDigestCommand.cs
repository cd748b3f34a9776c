using System.CommandLine;
using System.Globalization;
using PoQ.Cli.Json;
using PoQ.Cli.Services;
using PoQ.Projections.History;
using Spectre.Console;

namespace PoQ.Cli.Commands;

/// <summary>
/// <c>poq audit digest [--json]</c>: a fingerprint of the recorded history over its canonical settlement content (task
/// ids, accepted scores, consensus, weights, trust, rewards as exact bits; no wall-clock metadata, offsets, instance ids
/// or commit times). Two stores recorded from the same log print the same digest; any edit of a settlement changes it.
/// JSON keys: <c>tasks</c>, <c>payout_total</c>, <c>digest</c>.
/// </summary>
internal static class AuditDigestCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON object: tasks, payout_total, digest." };
        var store = new HistoryStoreOptions(HistoryPresence.Recorded);
        var command = new Command("digest", "Fingerprint the recorded settlements: equal for stores recorded from the same input log.") { json };
        store.AddTo(command);
        command.SetAction(async (parse, cancellationToken) => await store.RunAsync(
            parse,
            async opened =>
            {
                var result = await HistoryDigest.ComputeAsync(opened.Connection, cancellationToken).ConfigureAwait(false);
                if (parse.GetValue(json))
                {
                    CliJson.Print(DigestJson.Of(result));
                }
                else
                {
                    AnsiConsole.WriteLine(string.Create(CultureInfo.InvariantCulture, $"tasks: {result.Tasks}"));
                    AnsiConsole.WriteLine(string.Create(CultureInfo.InvariantCulture, $"payout_total: {result.PayoutTotal:R}"));
                    AnsiConsole.WriteLine($"digest: {result.Digest}");
                }

                return 0;
            },
            cancellationToken).ConfigureAwait(false));
        return command;
    }
}

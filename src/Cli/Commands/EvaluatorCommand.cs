using System.CommandLine;
using Confluent.Kafka;
using PoQ.Cli.Json;
using PoQ.Cli.Services;
using PoQ.Hosting.Kafka;
using PoQ.Ingest.Contract;
using PoQ.Ingest.Identity;
using PoQ.Ingest.Identity.Registry;
using PoQ.Ingest.Publishing;
using PoQ.Pipeline.Registry;
using PoQ.Projections.History;
using Spectre.Console;

namespace PoQ.Cli.Commands;

/// <summary>
/// <c>poq evaluator register|rotate|revoke|list</c>: manage the evaluator registry. Changes are published to
/// <c>poq.registry</c> (the pipelines read it and record each change as an event); <c>list</c> shows the registry as a
/// store recorded it. A key generated here is kept in <c>$POQ_HOME/keys/ID.key</c> (mode 600) for the evaluator to sign with.
/// </summary>
internal static class EvaluatorCommand
{
    public static Command Create()
    {
        var command = new Command("evaluator", "Manage the evaluator registry: Ed25519 keys that scores must be signed with.");
        command.Subcommands.Add(Change(RegistryAction.Register, "Register an evaluator with a key (generated and kept in $POQ_HOME/keys unless --public-key is given)."));
        command.Subcommands.Add(Change(RegistryAction.Rotate, "Replace an evaluator's key: scores signed with the old key are refused from now on."));
        command.Subcommands.Add(Change(RegistryAction.Revoke, "Withdraw an evaluator's key: its scores are refused until it rotates to a new key."));
        command.Subcommands.Add(List());
        return command;
    }

    private static Command Change(string action, string description)
    {
        var id = new Option<string>("--id") { Description = "The evaluator id (as its scores name it).", Required = true };
        var publicKey = new Option<string?>("--public-key") { Description = "The evaluator's raw 32-byte Ed25519 public key, base64 (default: a key generated here)." };
        var keyFile = new Option<string?>("--key-file") { Description = "Where the generated private key is kept (default: $POQ_HOME/keys/ID.key)." };
        var kafka = new Option<string?>("--kafka") { Description = "Kafka bootstrap HOST:PORT (default: the broker a running `poq run`/`poq broker` recorded under $POQ_HOME)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var command = new Command(action, description) { id, kafka, json };
        if (action != RegistryAction.Revoke)
        {
            command.Options.Add(publicKey);
            command.Options.Add(keyFile);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            string evaluator = parse.GetValue(id)!;
            if (string.IsNullOrWhiteSpace(evaluator) || evaluator.Length > WireParser.MaxIdLength || evaluator.Any(char.IsControl))
            {
                return CliErrors.Fail($"--id = '{evaluator}': must be a non-empty id of at most {WireParser.MaxIdLength} characters without control characters");
            }

            string? bootstrap = parse.GetValue(kafka) ?? PoqHome.RememberedBroker();
            if (bootstrap is null)
            {
                return CliErrors.Fail("no broker: start `poq run` or `poq broker` first, or pass --kafka HOST:PORT");
            }

            byte[]? key = null;
            string? savedTo = null;
            if (action != RegistryAction.Revoke)
            {
                var (resolved, path, error) = ResolveKey(action, evaluator, parse.GetValue(publicKey), parse.GetValue(keyFile));
                if (resolved is null)
                {
                    return CliErrors.Fail(error!);
                }

                (key, savedTo) = (resolved, path);
            }

            NativeKafka.EnsureLoaded();
            using var producer = new ProducerBuilder<string?, byte[]>(KafkaClientDefaults.Producer(bootstrap, "poq-evaluator")).Build();
            var change = new RegistryChange(action, evaluator, key, DateTimeOffset.UtcNow);
            var landed = await RegistryPublisher.PublishAsync(producer, [change], TopicNames.Default.Registry, cancellationToken).ConfigureAwait(false);
            var at = landed[0];
            string where = $"{at.Topic}/{at.Partition.Value}/{at.Offset.Value}";
            string? fingerprint = key is null ? null : RegistryChange.Fingerprint(key);
            if (parse.GetValue(json))
            {
                CliJson.Print(new RegistryChangeJson(evaluator, action, fingerprint, key is null ? null : Convert.ToBase64String(key), savedTo, where));
                return 0;
            }

            Console.WriteLine($"evaluator: {evaluator}");
            Console.WriteLine($"action: {action}");
            if (key is not null)
            {
                Console.WriteLine($"fingerprint: {fingerprint}");
                Console.WriteLine($"public_key: {Convert.ToBase64String(key)}");
            }

            if (savedTo is not null)
            {
                Console.WriteLine($"key_file: {savedTo}");
            }

            Console.WriteLine($"registry: {where}");
            return 0;
        });
        return command;
    }

    // The key a change installs: the one given, else the evaluator's key file (register reuses an existing file, so
    // registering twice is harmless), else a new key saved there. A rotation never reuses the file it replaces.
    private static (byte[]? Key, string? SavedTo, string? Error) ResolveKey(string action, string evaluator, string? publicKey, string? keyFile)
    {
        if (publicKey is not null)
        {
            var raw = new byte[48];
            return Convert.TryFromBase64String(publicKey, raw, out int written) && written == Ed25519Verifier.PublicKeyBytes && Ed25519Verifier.TryImport(raw.AsSpan(0, written), out _)
                ? (raw[..written], null, null)
                : (null, null, "--public-key: not the base64 of a raw 32-byte Ed25519 public key");
        }

        string path = keyFile ?? Path.Combine(PoqHome.Path, "keys", $"{evaluator}.key");
        try
        {
            if (File.Exists(path))
            {
                if (action == RegistryAction.Register)
                {
                    using var existing = EvaluatorKeyFile.Load(path);
                    return (existing.PublicKey, path, null);
                }

                File.Move(path, $"{path}.retired-{DateTimeOffset.UtcNow:yyyyMMddHHmmss}");
            }

            using var generated = EvaluatorKeyPair.Generate();
            EvaluatorKeyFile.Save(path, generated);
            return (generated.PublicKey, path, null);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return (null, null, $"--key-file: {error.Message}");
        }
    }

    private static Command List()
    {
        var store = new HistoryStoreOptions(HistoryPresence.Empty);
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var command = new Command("list", "List the registered evaluators as the store recorded them: status, key fingerprint, since when.") { json };
        store.AddTo(command);
        command.SetAction((parse, cancellationToken) => store.RunAsync(
            parse,
            async open =>
            {
                var registry = await RegistryHistory.LoadAsync(open.Session, cancellationToken).ConfigureAwait(false);
                var rows = registry.Snapshot().Select(e => RegistryEvaluatorJson.Of(e.EvaluatorId, e.History)).ToList();
                if (parse.GetValue(json))
                {
                    CliJson.Print(new RegistryJson(rows));
                    return 0;
                }

                var table = new Table().AddColumns("evaluator", "status", "key", "since", "registered", "changes");
                foreach (var row in rows)
                {
                    table.AddRow(Markup.Escape(row.Evaluator), row.Status == "active" ? "[green]active[/]" : "[red]revoked[/]", row.Fingerprint, $"{row.Since:yyyy-MM-dd HH:mm:ss}", $"{row.RegisteredAt:yyyy-MM-dd HH:mm:ss}", $"{row.Changes}");
                }

                AnsiConsole.Write(table);
                Console.WriteLine($"evaluators: {rows.Count}");
                return 0;
            },
            cancellationToken));
        return command;
    }
}

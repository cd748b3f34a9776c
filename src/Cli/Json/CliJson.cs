using System.Text.Json;

namespace PoQ.Cli.Json;

/// <summary>
/// How the CLI prints a <c>--json</c> record: one line, System.Text.Json's defaults (the field names are on the records,
/// snake_case, and are a contract: scripts and the benches read them; tests/PoQ.Cli.Tests snapshots each record).
/// </summary>
internal static class CliJson
{
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value);

    public static void Print<T>(T value) => Console.WriteLine(Serialize(value));
}

using System.Text.Json;
using PoQ.Api.Tests.TestSupport;
using PoQ.Testing.Postgres;

namespace PoQ.Api.Tests.Audit;

/// <summary><c>poq audit detect</c> as a process: the JSON contract keys, a second run reads the first back, the table.</summary>
[Collection(PostgresFixture.Collection)]
public sealed class AuditDetectCommandTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Detect_Json_CarriesTheContractKeys_AndASecondRunRecordsNothing()
    {
        string connection = await RecordedHistory.CreateAsync(postgres, "audit_cli_detect");

        var first = await PoqProcess.RunAsync("audit", "detect", "--json", "--postgres", connection);
        var second = await PoqProcess.RunAsync("audit", "detect", "--json", "--postgres", connection);
        var table = await PoqProcess.RunAsync("audit", "detect", "--postgres", connection);
        var digest = await PoqProcess.RunAsync("audit", "digest", "--json", "--postgres", connection);

        Assert.Equal((0, 0, 0), (first.ExitCode, second.ExitCode, table.ExitCode));
        using var a = JsonDocument.Parse(first.Stdout);
        using var b = JsonDocument.Parse(second.Stdout);
        using var d = JsonDocument.Parse(digest.Stdout);
        Assert.Equal(43, a.RootElement.GetProperty("tasks").GetInt64());
        Assert.Equal(JsonValueKind.Array, a.RootElement.GetProperty("flags").ValueKind);
        Assert.True(a.RootElement.GetProperty("recorded").GetBoolean());
        Assert.False(b.RootElement.GetProperty("recorded").GetBoolean());
        Assert.Equal(a.RootElement.GetProperty("run").GetString(), b.RootElement.GetProperty("run").GetString());
        Assert.Equal(d.RootElement.GetProperty("digest").GetString(), a.RootElement.GetProperty("history_digest").GetString());
        Assert.Contains("already", table.Stdout, StringComparison.Ordinal);
    }
}

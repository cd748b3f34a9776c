using System.Text.Json;
using PoQ.Api.Tests.TestSupport;
using PoQ.Testing.Postgres;

namespace PoQ.Api.Tests.Audit;

/// <summary><c>poq audit</c> as a user runs it: exit codes 0 (clean), 1 (mismatch), 2 (bad input), JSON contract, no stack traces.</summary>
[Collection(PostgresFixture.Collection)]
public sealed class AuditCommandTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Verify_CleanThenTampered_ExitsZeroThenOneWithTheMismatch()
    {
        string connection = await RecordedHistory.CreateAsync(postgres, "audit_cli_verify");

        var clean = await PoqProcess.RunAsync("audit", "verify", "--all", "--json", "--postgres", connection);
        Assert.Equal(0, clean.ExitCode);
        using (var json = JsonDocument.Parse(clean.Stdout))
        {
            Assert.Equal(43, json.RootElement.GetProperty("tasks_checked").GetInt64());
            Assert.Equal(0, json.RootElement.GetProperty("mismatches").GetArrayLength());
        }

        await RecordedHistory.TamperAsync(connection, "t-2", t => t with { Settlement = t.Settlement with { Verdicts = [t.Settlement.Verdicts[0] with { Reward = 99 }, .. t.Settlement.Verdicts.Skip(1)] } });
        var tampered = await PoqProcess.RunAsync("audit", "verify", "--json", "--postgres", connection);

        Assert.Equal(1, tampered.ExitCode);
        using var report = JsonDocument.Parse(tampered.Stdout);
        var first = report.RootElement.GetProperty("mismatches")[0];
        Assert.Equal("t-2", first.GetProperty("task_id").GetString());
        Assert.Equal("99", first.GetProperty("recorded").GetString());
        Assert.True(first.TryGetProperty("recomputed", out _));
        var table = await PoqProcess.RunAsync("audit", "verify", "--task", "t-2", "--postgres", connection);
        Assert.Equal(1, table.ExitCode);
        Assert.Contains("mismatch", table.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("task", "t-nope", "unknown task 't-nope'")]
    [InlineData("node", "n-nope", "unknown node 'n-nope'")]
    [InlineData("evaluator", "e-nope", "unknown evaluator 'e-nope'")]
    public async Task Lookup_Unknown_ExitsTwoWithAClearMessage(string kind, string id, string message)
    {
        var result = await PoqProcess.RunAsync("audit", kind, id, "--postgres", await RecordedHistory.SharedAsync(postgres));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_EmptyStoreOrBadOptions_ExitsTwo()
    {
        string empty = await postgres.CreateDatabaseAsync("audit_cli_empty");

        var onEmpty = await PoqProcess.RunAsync("audit", "verify", "--postgres", empty);
        var unknownTask = await PoqProcess.RunAsync("audit", "verify", "--task", "t-nope", "--postgres", await RecordedHistory.SharedAsync(postgres));
        var badHistory = await PoqProcess.RunAsync("audit", "node", "inf-1", "--history", "0", "--postgres", empty);

        Assert.Equal((2, true), (onEmpty.ExitCode, onEmpty.Stderr.Contains("empty store", StringComparison.Ordinal)));
        Assert.Equal((2, true), (unknownTask.ExitCode, unknownTask.Stderr.Contains("unknown task", StringComparison.Ordinal)));
        Assert.Equal((2, true), (badHistory.ExitCode, badHistory.Stderr.Contains("--history = 0", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Digest_Json_CarriesTheContractKeysAndChangesWithATamperedReward()
    {
        string connection = await RecordedHistory.CreateAsync(postgres, "audit_cli_digest");
        var before = await PoqProcess.RunAsync("audit", "digest", "--json", "--postgres", connection);
        var again = await PoqProcess.RunAsync("audit", "digest", "--json", "--postgres", connection);
        Assert.Equal(0, before.ExitCode);
        using var json = JsonDocument.Parse(before.Stdout);
        Assert.Equal(43, json.RootElement.GetProperty("tasks").GetInt64());
        Assert.True(json.RootElement.GetProperty("payout_total").GetDouble() > 0);
        Assert.Matches("^[0-9a-f]{64}$", json.RootElement.GetProperty("digest").GetString());
        Assert.Equal(before.Stdout, again.Stdout);

        await RecordedHistory.TamperAsync(connection, "t-30", t => t with { Settlement = t.Settlement with { InferenceReward = Math.BitIncrement(t.Settlement.InferenceReward) } });
        var after = await PoqProcess.RunAsync("audit", "digest", "--json", "--postgres", connection);
        using var tampered = JsonDocument.Parse(after.Stdout);
        Assert.NotEqual(json.RootElement.GetProperty("digest").GetString(), tampered.RootElement.GetProperty("digest").GetString());
    }

    [Fact]
    public async Task Task_Json_CarriesTheBreakdownInSnakeCase()
    {
        var result = await PoqProcess.RunAsync("audit", "task", "t-5", "--json", "--postgres", await RecordedHistory.SharedAsync(postgres));

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal("t-5", json.RootElement.GetProperty("task_id").GetString());
        Assert.True(json.RootElement.GetProperty("evaluators")[0].TryGetProperty("normalized_cost", out _));
        Assert.Equal("trust", json.RootElement.GetProperty("rule").GetString());
    }
}

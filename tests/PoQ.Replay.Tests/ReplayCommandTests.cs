using PoQ.Cli;
using PoQ.Consensus.Rules;
using PoQ.Testing.Postgres;

namespace PoQ.Replay.Tests;

/// <summary>Bad input to <c>poq replay</c>: a clear one-line message, a non-zero exit, no stack trace, nothing written.</summary>
[Collection(PostgresFixture.Collection)]
public sealed class ReplayCommandTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Replay_BadInput_FailsWithAClearMessage()
    {
        string connection = await new ReplayStoreTests(postgres).RecordAsync("replay_cli", RuleCatalog.Create("trust"));
        string empty = await postgres.CreateDatabaseAsync("replay_cli_empty");
        string output = Path.Combine(Path.GetTempPath(), "poq-replay-test-" + Guid.NewGuid().ToString("N")[..8]);
        string[] Args(params string[] extra) => ["replay", "--postgres", connection, "--out", output, .. extra];

        await ExpectFailure(Args("--rule", "bogus", "--scenario", "s"), "unknown rule 'bogus'");
        await ExpectFailure(Args("--rule", "trust", "--param", "lambda=-1", "--scenario", "s"), "lambda");
        await ExpectFailure(Args("--rule", "trust", "--param", "lambda", "--scenario", "s"), "expected key=value");
        await ExpectFailure(Args("--rule", "trimmed", "--param", "tau=0.7", "--scenario", "s"), "tau");
        await ExpectFailure(Args("--rule", "mean", "--scenario", "bad name!"), "scenario name");
        await ExpectFailure(Args("--rule", "mean", "--scenario", "s", "--from", "yesterday"), "--from 'yesterday'");
        await ExpectFailure(Args("--rule", "mean", "--scenario", "s", "--from", "2030-01-01T00:00:00Z"), "no recorded task closed within the range");
        await ExpectFailure(["replay", "--postgres", empty, "--rule", "mean", "--scenario", "s"], "empty store");
        await ExpectFailure(Args("--rule", "mean", "--scenario", "s", "--against", "nope"), "unknown scenario 'nope'");
        await ExpectFailure(Args("--rule", "mean", "--scenario", "s", "--task", "no-such-task"), "unknown task 'no-such-task'");
        await ExpectFailure(Args("--rule", "mean", "--scenario", "s", "--node", "ev-999"), "unknown node 'ev-999'");

        Assert.Equal(0, await Invoke(Args("--rule", "mean", "--scenario", "s", "--json")));
        await ExpectFailure(Args("--rule", "median", "--scenario", "s", "--json"), "scenario 's' already exists");
        Assert.Equal(0, await Invoke(Args("--rule", "median", "--scenario", "s", "--replace", "--json")));
        Assert.Equal(0, await Invoke(Args("--rule", "trust", "--scenario", "t", "--against", "s", "--json")));
        Assert.True(File.Exists(Path.Combine(output, "report.md")));
        Assert.True(File.Exists(Path.Combine(output, "rewards.png")));
        Directory.Delete(output, recursive: true);
    }

    private static async Task ExpectFailure(string[] args, string message)
    {
        var error = new StringWriter();
        var original = Console.Error;
        Console.SetError(error);
        int code;
        try
        {
            code = await Invoke(args);
        }
        finally
        {
            Console.SetError(original);
        }

        string text = error.ToString();
        Assert.True(code != 0, $"{string.Join(' ', args)} succeeded");
        Assert.Contains(message, text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
    }

    private static async Task<int> Invoke(string[] args)
    {
        var stdout = Console.Out;
        Console.SetOut(TextWriter.Null);
        try
        {
            return await PoqCommandLine.Build().Parse(args).InvokeAsync();
        }
        finally
        {
            Console.SetOut(stdout);
        }
    }
}

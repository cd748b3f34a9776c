using Npgsql;
using PoQ.Chaos;

namespace PoQ.Faults.Tests;

/// <summary>
/// Every store-reading command against each situation an operator meets — a server that is not running, a database
/// that does not exist, an empty store, an id nobody recorded — answers with one line saying what is wrong and what to
/// do, exit code 2, and no stack trace.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class CommandFailureTests(FaultWorldFixture fixture)
{
    private static readonly string[][] StoreCommands =
    [
        ["status"],
        ["audit", "verify", "--all"],
        ["audit", "digest"],
        ["audit", "task", "t-nobody"],
        ["audit", "node", "n-nobody"],
        ["audit", "evaluator", "e-nobody"],
        ["audit", "scenario", "s-nobody"],
        ["replay", "--rule", "median", "--scenario", "never-written"],
        ["projections", "rebuild"],
        ["serve", "--port", ChaosWorld.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture)], // a valid port: the store must be what fails
        ["bench", "replay"],
    ];

    public static TheoryData<string> Situations => ["server not running", "missing database", "empty store"];

    [Theory]
    [MemberData(nameof(Situations))]
    public async Task Every_command_answers_one_line_and_exit_2(string situation)
    {
        string connection = situation switch
        {
            "server not running" => $"Host=127.0.0.1;Port={ChaosWorld.FreePort()};Username=postgres;Database=poq",
            "missing database" => new NpgsqlConnectionStringBuilder(await fixture.World.CreateDatabaseAsync("chaos_exists", CancellationToken.None)) { Database = "chaos_no_such_database" }.ConnectionString,
            _ => await fixture.World.CreateDatabaseAsync("chaos_empty_store", CancellationToken.None),
        };

        var failures = new List<string>();
        foreach (var command in StoreCommands)
        {
            await CheckAsync([.. command, "--postgres", connection], failures);
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public async Task Ids_nobody_recorded_answer_one_line_and_exit_2()
    {
        string clean = new NpgsqlConnectionStringBuilder(await fixture.World.CreateDatabaseAsync("chaos_exists", CancellationToken.None)) { Database = "chaos_clean" }.ConnectionString;
        var failures = new List<string>();
        foreach (var command in StoreCommands.Where(c => c is ["audit", "task" or "node" or "evaluator" or "scenario", _]))
        {
            await CheckAsync([.. command, "--postgres", clean], failures);
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    private static async Task CheckAsync(string[] arguments, List<string> failures)
    {
        using var poq = PipelineProcess.Start(FaultWorldFixture.Poq, Path.GetTempPath(), arguments);
        int exit = await poq.WaitForExitAsync(TimeSpan.FromSeconds(60));
        var lines = poq.Output.Split('\n').Select(l => l[(l.IndexOf(']', StringComparison.Ordinal) + 1)..].Trim()).Where(l => l.Length > 0).ToList();
        if (exit != 2 || lines.Count != 1 || !lines[0].StartsWith("error: ", StringComparison.Ordinal) || poq.Output.Contains("   at ", StringComparison.Ordinal))
        {
            failures.Add($"poq {string.Join(' ', arguments)} → exit {exit}:{Environment.NewLine}{poq.Output}");
        }
    }
}

using System.Diagnostics;
using PoQ.Bench.History;
using PoQ.Projections.Store;
using PoQ.Projections.Verification;
using PoQ.Testing.Postgres;
using PoQ.Testing;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace PoQ.Api.Tests.Scale;

/// <summary>
/// A store of <see cref="Tasks"/> simulated tasks written through the pipeline's real commit path
/// (<see cref="HistoryBuilder"/>), built once per test run for every class of the <see cref="Collection"/> collection:
/// then verified in full (the landing page's last verification) and replayed under the median rule with the real
/// <c>poq replay</c> (the landing page's latest scenario). It has a PostgreSQL of its own so the small-store tests of the
/// "postgres" collection never wait for it.
/// </summary>
public sealed class LargeHistoryFixture(IMessageSink diagnostics) : IAsyncLifetime
{
    /// <summary>The xunit collection name.</summary>
    public const string Collection = "large-history";

    /// <summary>Tasks in the store (the "≥ 100k").</summary>
    public const int Tasks = 100_000;

    /// <summary>The scenario <c>poq replay</c> writes into the store.</summary>
    public const string Scenario = "median-100k";

    private readonly PostgresFixture postgres = new(diagnostics);
    private string? connectionString;

    /// <summary>The store's connection string.</summary>
    public string ConnectionString => connectionString ?? throw new InvalidOperationException("The fixture is not initialized.");

    /// <summary>The full verification recorded in the store.</summary>
    public VerificationReport Verification { get; private set; } = new(0, []);

    public async Task InitializeAsync()
    {
        await postgres.InitializeAsync();
        string connection = await postgres.CreateDatabaseAsync("history_100k");
        using var heavy = await HeavyTestGate.EnterAsync(TimeSpan.FromMinutes(15));

        var clock = Stopwatch.StartNew();
        await HistoryBuilder.BuildAsync(connection, new SimulatedHistory(Tasks), progress: null, CancellationToken.None);
        Log($"built {Tasks:N0} tasks through the commit path in {clock.Elapsed.TotalSeconds:F1} s");

        clock.Restart();
        using (var store = PoqStore.Create(connection))
        {
            await using var session = store.QuerySession();
            Verification = await AuditVerification.AllAsync(session, connection, CancellationToken.None);
            await VerificationLog.RecordAsync(store, Verification, DateTimeOffset.UtcNow, CancellationToken.None);
        }

        Log($"verified {Verification.TasksChecked:N0} tasks ({Verification.Mismatches.Count} mismatches) in {clock.Elapsed.TotalSeconds:F1} s");

        clock.Restart();
        // The scenario lives in the store; the report files poq replay also writes are not needed.
        string reports = Path.Combine(Path.GetTempPath(), "poq-replay-" + Guid.NewGuid().ToString("N")[..8]);
        var replay = await TestSupport.PoqProcess.RunAsync(TimeSpan.FromMinutes(10), "replay", "--scenario", Scenario, "--rule", "median", "--json", "--out", reports, "--postgres", connection);
        if (Directory.Exists(reports))
        {
            Directory.Delete(reports, recursive: true);
        }

        if (replay.ExitCode != 0)
        {
            throw new InvalidOperationException($"poq replay failed ({replay.ExitCode}): {replay.Stderr}");
        }

        Log($"replayed scenario {Scenario} in {clock.Elapsed.TotalSeconds:F1} s");
        connectionString = connection;
    }

    public Task DisposeAsync() => postgres.DisposeAsync();

    private void Log(string message)
    {
        diagnostics.OnMessage(new DiagnosticMessage($"[LargeHistoryFixture] {message}"));
        Console.WriteLine($"[LargeHistoryFixture] {message}");
    }
}

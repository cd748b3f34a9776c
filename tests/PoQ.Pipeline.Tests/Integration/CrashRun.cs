using System.Diagnostics;
using System.Globalization;
using Confluent.Kafka;
using Marten;
using PoQ.Hosting.Kafka;
using PoQ.Ingest.Publishing;
using PoQ.Pipeline.Tests.TestSupport;
using PoQ.Projections.Documents;
using PoQ.Projections.Store;
using PoQ.Simulation.Attacks;
using PoQ.Simulation.Network;
using PoQ.Testing.Postgres;

namespace PoQ.Pipeline.Tests.Integration;

/// <summary>
/// One crash run shared by the tests of <see cref="CrashRecoveryTests"/> (class fixture, run on first use): the broker
/// lives in the test process, so its data survives; the pipeline is the built <c>poq run</c> in a child process,
/// SIGKILLed at seeded random moments while a scenario is published at a steady rate, restarted each time, and
/// finally left to drain and stopped gracefully.
/// </summary>
public sealed class CrashRun : IDisposable
{
    /// <summary>Seed of the scenario and of the kill moments.</summary>
    public const int Seed = 20_261_117;

    /// <summary>Tasks published.</summary>
    public const int Tasks = 3_000;

    /// <summary>Partitions per topic.</summary>
    public const int Partitions = 16;

    /// <summary>Number of SIGKILLs.</summary>
    public const int Kills = 4;

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(90);
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly string poqHome = Path.Combine(Path.GetTempPath(), "poq-crash-" + Guid.NewGuid().ToString("N")[..8]);
    private EmbeddedKafkaBroker? broker;
    private CrashRunResult? result;

    /// <summary>Runs the crash scenario once and returns what it recorded.</summary>
    public async Task<CrashRunResult> EnsureAsync(PostgresFixture postgres)
    {
        await gate.WaitAsync();
        try
        {
            return result ??= await RunAsync(postgres);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        broker?.Dispose();
        gate.Dispose();
        if (Directory.Exists(poqHome))
        {
            Directory.Delete(poqHome, recursive: true);
        }
    }

    private async Task<CrashRunResult> RunAsync(PostgresFixture postgres)
    {
        var clock = Stopwatch.StartNew();
        broker = EmbeddedKafkaBroker.Start();
        PoqTopics.EnsureTopics(broker, Partitions);
        string bootstrap = broker.BootstrapServers;
        string connection = await postgres.CreateDatabaseAsync("crash_recovery");
        Directory.CreateDirectory(poqHome);
        var scenario = new NetworkScenarioOptions
        {
            Tasks = Tasks, Evaluators = 40, InferenceNodes = 8, K = 5, MaliciousRatio = 0.25, Attack = AttackKind.Noise,
            BadMessageRatio = 0.01, Seed = Seed, RunId = "crash",
        };
        var messages = NetworkScenario.Generate(scenario).ToList();
        string[] run = ["run", "--kafka", bootstrap, "--postgres", connection, "--deadline", "5"];

        // ~25 s of traffic at 750 messages/s: the kills land while it is being published and consumed.
        using var producer = new ProducerBuilder<string, byte[]>(KafkaClientDefaults.Producer(bootstrap)).Build();
        var publishing = Task.Run(() => ScenarioPublisher.PublishAsync(producer, messages, PoqTopics.Tasks, PoqTopics.Scores, 750, null, CancellationToken.None));
        var random = new Random(Seed);
        var kills = new List<string>();
        var output = new List<string>();
        using var store = PoqStore.Create(connection);
        for (int kill = 1; kill <= Kills; kill++)
        {
            // Mid-stream means after this life committed something: start-up (schema check, Marten's first session)
            // takes seconds here, and a kill before the first commit would only test that a start can be interrupted.
            long batchBefore = (await LoadStateAsync(store)).LastBatch;
            using var process = PoqProcess.Start(poqHome, run);
            await process.WaitForLineAsync("running", StartTimeout);
            bool committed = await Eventually.TrueAsync(async () => (await LoadStateAsync(store)).LastBatch > batchBefore, StartTimeout);
            Assert.True(committed, $"run {kill} committed nothing; output:{Environment.NewLine}{process.Output}");
            int delayMs = random.Next(0, 1_500);
            await Task.Delay(delayMs);
            await process.KillAsync();
            output.Add($"--- run {kill} (killed) ---{Environment.NewLine}{process.Output}");
            var state = await LoadStateAsync(store);
            kills.Add(string.Create(CultureInfo.InvariantCulture,
                $"kill {kill}: {delayMs} ms after its first commit (t = {clock.Elapsed.TotalSeconds:0.0} s): committed {state.TasksFinalized + state.TasksInsufficient} tasks, {state.DeadLetters} dead letters, batch {state.LastBatch}"));
        }

        using var last = PoqProcess.Start(poqHome, run);
        await last.WaitForLineAsync("running", StartTimeout);
        long published = await publishing;
        long faults = messages.OfType<FaultyMessage>().Count();
        bool drained = await Eventually.TrueAsync(
            async () =>
            {
                var state = await LoadStateAsync(store);
                if (state.TasksFinalized + state.TasksInsufficient < Tasks || state.DeadLetters < faults)
                {
                    return false;
                }

                await using var session = store.QuerySession();
                var checkpoints = await session.Query<PartitionCheckpoint>().ToListAsync();
                return InputLag.Of(bootstrap, checkpoints.ToList(), PoqTopics.Tasks, PoqTopics.Scores) == 0;
            },
            DrainTimeout);
        Assert.True(drained, $"the restarted pipeline did not drain; {string.Join("; ", kills)}; output:{Environment.NewLine}{string.Join(Environment.NewLine, output)}{Environment.NewLine}{last.Output}");
        int exitCode = await last.TerminateAsync(TimeSpan.FromSeconds(30));
        Assert.True(exitCode == 0, $"graceful stop exited {exitCode}; output:{Environment.NewLine}{string.Join(Environment.NewLine, output)}{Environment.NewLine}{last.Output}");

        var recorded = await EventStoreSnapshot.LoadAsync(connection);
        kills.Add(string.Create(CultureInfo.InvariantCulture, $"drained and stopped at t = {clock.Elapsed.TotalSeconds:0.0} s"));
        output.Add($"--- final run (drained, SIGTERM) ---{Environment.NewLine}{last.Output}");
        return new CrashRunResult(bootstrap, connection, poqHome, messages, published, kills, recorded, string.Join(Environment.NewLine, output));
    }

    private static async Task<PipelineState> LoadStateAsync(IDocumentStore store)
    {
        await using var session = store.QuerySession();
        try
        {
            return await session.LoadAsync<PipelineState>(PipelineState.SingletonId) ?? new PipelineState();
        }
        catch (Npgsql.PostgresException error) when (error.SqlState == "42P01")
        {
            return new PipelineState(); // the first run has not created the schema yet
        }
    }
}

/// <summary>What a crash run published and recorded.</summary>
public sealed record CrashRunResult(
    string Bootstrap,
    string Connection,
    string PoqHome,
    IReadOnlyList<ScenarioMessage> Messages,
    long Published,
    IReadOnlyList<string> Timeline,
    EventStoreSnapshot Recorded,
    string ProcessOutput);

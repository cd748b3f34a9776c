using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Confluent.Kafka;
using PoQ.Hosting.Kafka;
using PoQ.Ingest.Contract;
using PoQ.Ingest.Publishing;
using PoQ.Pipeline.Tests.TestSupport;
using PoQ.Projections.Store;
using PoQ.SimulatedFeed;
using PoQ.Simulation.Attacks;
using PoQ.Simulation.Network;
using PoQ.Testing.Postgres;
using PoQ.Testing;

namespace PoQ.Pipeline.Tests.Integration;

/// <summary>
/// One log, processed three ways into three stores (class fixture, run once): while a seeded scenario is published at a
/// steady rate, (1) one instance runs cleanly; (2) one instance is SIGKILLed at four seeded moments and restarted each
/// time; (3) three instances share the partitions in one consumer group and one of them is SIGKILLed mid-stream. Each
/// way is its own consumer group and its own database. All of it runs as the built <c>poq run</c> in child processes.
/// </summary>
public sealed class ThreeWayRun : IDisposable
{
    public const int Seed = 20_261_202;
    public const int Tasks = 3_000;
    public const int Partitions = 16;
    public const int Kills = 4;

    /// <summary>Kills that must land mid-stream (the rest may find publishing over on a slow machine).</summary>
    private const int MinimumKills = 2;

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(180);
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly string poqHome = Path.Combine(Path.GetTempPath(), "poq-3way-" + Guid.NewGuid().ToString("N")[..8]);
    private EmbeddedKafkaBroker? broker;
    private Task<ThreeWayResult>? result;

    /// <summary>Runs the three ways once (a failure fails every test, without running it again) and returns where they recorded.</summary>
    public async Task<ThreeWayResult> EnsureAsync(PostgresFixture postgres)
    {
        await gate.WaitAsync();
        try
        {
            result ??= RunAsync(postgres);
        }
        finally
        {
            gate.Release();
        }

        return await result;
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

    private async Task<ThreeWayResult> RunAsync(PostgresFixture postgres)
    {
        using var heavy = await HeavyTestGate.EnterAsync(TimeSpan.FromMinutes(15));
        var clock = Stopwatch.StartNew();
        broker = EmbeddedKafkaBroker.Start();
        PoqTopics.EnsureTopics(broker, Partitions);
        string bootstrap = broker.BootstrapServers;
        Directory.CreateDirectory(poqHome);
        var stores = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["clean"] = await postgres.CreateDatabaseAsync("three_way_clean"),
            ["killed"] = await postgres.CreateDatabaseAsync("three_way_killed"),
            ["group"] = await postgres.CreateDatabaseAsync("three_way_group"),
        };
        var scenario = new NetworkScenarioOptions
        {
            Tasks = Tasks, Evaluators = 40, InferenceNodes = 8, K = 5, MaliciousRatio = 0.25, Attack = AttackKind.Noise,
            BadMessageRatio = 0.01, Seed = Seed, RunId = "three",
        };
        var messages = NetworkScenario.Generate(scenario).ToList();
        // An idle wait of 1 s, not 200 ms: the ways must agree because payouts are a function of the log, which holds only
        // while no record reaches a partition later than the idle wait after the other topic's later records (the merge
        // then leaves the log's order, and says so). Five pipelines, the broker and PostgreSQL on two loaded cores must
        // not make that exception the test's subject; the lines that report it are counted in the timeline.
        string[] Run(string way, string? instance = null) =>
            ["run", "--kafka", bootstrap, "--postgres", stores[way], "--group", $"three-{way}", "--deadline", "5", "--lanes", "2", "--idle-wait", "1s", "--instance", instance ?? way];
        var timeline = new List<string>();
        var output = new List<string>();
        void Note(string line)
        {
            lock (timeline)
            {
                timeline.Add(string.Create(CultureInfo.InvariantCulture, $"t = {clock.Elapsed.TotalSeconds:0.0} s: {line}"));
            }
        }

        // The group forms first (each join is a rebalance), so the kill of one member lands mid-stream; then ~45 s of
        // publishing (18k messages at 400/s) give the killers room for several kills while data still flows.
        var clean = PoqProcess.Start(poqHome, Run("clean"));
        var (a, b, c) = await FormGroupAsync(Run, Note);
        using var producer = new ProducerBuilder<string?, byte[]>(KafkaClientDefaults.Producer(bootstrap)).Build();
        var publishing = Task.Run(() => SignedFeed.PublishAsync(producer, messages, scenario.Evaluators, scenario.Start, TopicNames.Default, Partitions, 400, null, CancellationToken.None));
        Note("publishing");
        var killed = Task.Run(() => KillRepeatedlyAsync(Run("killed"), stores["killed"], publishing, Note, output));
        var group = Task.Run(() => KillOneMemberAsync(c, stores["group"], Note, output));
        long published = await publishing;
        Note($"published {published} messages");
        var finalKilledRun = await killed;
        await group;

        long faults = messages.OfType<FaultyMessage>().Count();
        foreach (var (way, connection) in stores)
        {
            bool drained = await Eventually.TrueAsync(
                async () =>
                {
                    var totals = await PipelineTotals.LoadAsync(connection, CancellationToken.None);
                    return totals.TasksFinalized + totals.TasksInsufficient >= Tasks && totals.DeadLetters >= faults
                        && await InputLag.OfAsync(bootstrap, connection, TopicNames.Default.Tasks, TopicNames.Default.Scores) == 0;
                },
                DrainTimeout);
            Note($"{way}: drained = {drained}");
            Assert.True(drained, $"way '{way}' did not drain; {string.Join("; ", timeline)}; clean output:{Environment.NewLine}{clean.Output}{Environment.NewLine}{string.Join(Environment.NewLine, output)}");
        }

        foreach (var (name, process) in new[] { ("clean", clean), ("killed (last life)", finalKilledRun), ("group A", a), ("group B", b) })
        {
            int exit = await process.TerminateAsync(TimeSpan.FromSeconds(60));
            output.Add($"--- {name} (SIGTERM, exit {exit}) ---{Environment.NewLine}{process.Output}");
            Assert.True(exit == 0, $"{name} exited {exit} on SIGTERM; output:{Environment.NewLine}{process.Output}");
            process.Dispose();
        }

        int late = output.Sum(o => o.Split('\n').Count(line => line.Contains("merge order differs from the log's", StringComparison.Ordinal)));
        Note($"partitions that merged out of the log's order after an idle-wait release: {late}");
        Note("all stopped");
        return new ThreeWayResult(bootstrap, stores, poqHome, messages, published, timeline, string.Join(Environment.NewLine, output));
    }

    private static async Task<PoqProcess> KillRepeatedlyAsync(string[] run, string connection, Task publishing, Action<string> note, List<string> output)
    {
        var random = new Random(Seed);
        int kill = 1;
        for (; kill <= Kills; kill++)
        {
            // A life started after the last record was published may find it all committed by the lives before: there
            // is no stream left to kill it in (a loaded machine starts each life slowly), so it becomes the last life.
            if (publishing.IsCompleted)
            {
                break;
            }

            // Mid-stream means after this life committed something, not during its start-up.
            long before = await CommitsAsync(connection);
            using var process = PoqProcess.Start(Path.GetTempPath(), run);
            await process.WaitForLineAsync("running", StartTimeout);
            Assert.True(await Eventually.TrueAsync(async () => await CommitsAsync(connection) > before, StartTimeout), $"life {kill} committed nothing:{Environment.NewLine}{process.Output}");
            int delay = random.Next(0, 1_500);
            await Task.Delay(delay);
            await process.KillAsync();
            note($"killed: SIGKILL {kill} {delay} ms after its first commit");
            lock (output)
            {
                output.Add($"--- killed, life {kill} (SIGKILL) ---{Environment.NewLine}{process.Output}");
            }
        }

        Assert.True(kill > MinimumKills, $"only {kill - 1} of {Kills} kills landed before publishing ended:{Environment.NewLine}{string.Join(Environment.NewLine, output)}");
        var last = PoqProcess.Start(Path.GetTempPath(), run);
        await last.WaitForLineAsync("running", StartTimeout);
        note($"killed: last life running after {kill - 1} kills");
        return last;
    }

    private static async Task<(PoqProcess A, PoqProcess B, PoqProcess C)> FormGroupAsync(Func<string, string?, string[]> run, Action<string> note)
    {
        var a = PoqProcess.Start(Path.GetTempPath(), run("group", "group-a"));
        await a.WaitForLineAsync("running", StartTimeout);
        var b = PoqProcess.Start(Path.GetTempPath(), run("group", "group-b"));
        await b.WaitForLineAsync("running", StartTimeout);
        var c = PoqProcess.Start(Path.GetTempPath(), run("group", "group-c"));
        await c.WaitForLineAsync("group-c: owns partitions", StartTimeout);
        note("group: three members own partitions");
        return (a, b, c);
    }

    // C is killed once the group has committed traffic: its partitions move to A and B after its session times out.
    private static async Task KillOneMemberAsync(PoqProcess c, string connection, Action<string> note, List<string> output)
    {
        long before = await CommitsAsync(connection);
        Assert.True(await Eventually.TrueAsync(async () => await CommitsAsync(connection) > before + 20, StartTimeout), $"the group committed nothing:{Environment.NewLine}{c.Output}");
        await c.KillAsync();
        note("group: SIGKILL of group-c mid-stream");
        lock (output)
        {
            output.Add($"--- group C (SIGKILL) ---{Environment.NewLine}{c.Output}");
        }

        c.Dispose();
    }

    private static async Task<long> CommitsAsync(string connection)
    {
        try
        {
            await using var db = new Npgsql.NpgsqlConnection(connection);
            await db.OpenAsync();
            await using var command = new Npgsql.NpgsqlCommand($"select coalesce(sum(commits), 0)::bigint from {PoqStore.Schema}.{PoqTables.PartitionCheckpoints}", db);
            return (long)(await command.ExecuteScalarAsync())!;
        }
        catch (Npgsql.PostgresException missing) when (missing.SqlState == "42P01")
        {
            return 0; // the first life has not created the schema yet
        }
    }
}

/// <summary>What the three ways published and where they recorded it.</summary>
public sealed record ThreeWayResult(
    string Bootstrap,
    IReadOnlyDictionary<string, string> Stores,
    string PoqHome,
    IReadOnlyList<ScenarioMessage> Messages,
    long Published,
    IReadOnlyList<string> Timeline,
    string ProcessOutput)
{
    /// <summary>Runs <c>poq</c> with <paramref name="arguments"/> and parses its JSON output.</summary>
    public async Task<JsonElement> JsonOfAsync(params string[] arguments)
    {
        using var process = PoqProcess.Start(PoqHome, arguments);
        int exit = await process.WaitForExitAsync(TimeSpan.FromSeconds(120));
        string line = process.Output.Split('\n').Select(l => l[(l.IndexOf("] ", StringComparison.Ordinal) + 2)..].Trim()).Last(l => l.StartsWith('{'));
        using var document = JsonDocument.Parse(line);
        Assert.True(exit is 0 or 1, $"poq {string.Join(' ', arguments)} exited {exit}: {process.Output}");
        return document.RootElement.Clone();
    }
}

using PoQ.Hosting.Kafka;
using PoQ.Pipeline.Tests.TestSupport;
using PoQ.Testing.Postgres;

namespace PoQ.Pipeline.Tests.Integration;

/// <summary>
/// Bug 2: a graceful stop of <c>poq run</c> sometimes died with "malloc(): unaligned tcache chunk detected" (exit 134)
/// right after "stopped". The kill switch completes the stream without waiting for the source's read, which runs on a
/// worker thread inside a blocking <c>Consume</c>; <see cref="PipelineRunner.DisposeAsync"/> then closed and disposed
/// the consumer under it — librdkafka does not allow that. An idle pipeline is almost always inside <c>Consume</c>.
/// The ordering itself is proven deterministically by <see cref="Kafka.ConsumerLeaseTests"/>; this checks the whole
/// process once, end to end.
/// </summary>
[Collection(PostgresFixture.Collection)]
public sealed class Bug_2_ConsumerClosedWhileConsuming(PostgresFixture postgres) : IAsyncLifetime
{
    private readonly string poqHome = Path.Combine(Path.GetTempPath(), "poq-bug2-" + Guid.NewGuid().ToString("N")[..8]);
    private EmbeddedKafkaBroker? broker;
    private string connection = "";

    public async Task InitializeAsync()
    {
        broker = EmbeddedKafkaBroker.Start();
        PoqTopics.EnsureTopics(broker, 4);
        connection = await postgres.CreateDatabaseAsync("bug2");
        Directory.CreateDirectory(poqHome);
    }

    public Task DisposeAsync()
    {
        broker?.Dispose();
        Directory.Delete(poqHome, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task PoqRun_SigtermWhileIdle_DrainsAndExitsZero()
    {
        using var process = PoqProcess.Start(poqHome, "run", "--kafka", broker!.BootstrapServers, "--postgres", connection);
        await process.WaitForLineAsync("running", TimeSpan.FromSeconds(60));
        await Task.Delay(300); // idle: the source sits in Consume

        int exitCode = await process.TerminateAsync(TimeSpan.FromSeconds(30));
        Assert.True(exitCode == 0, $"exit code {exitCode}; output:{Environment.NewLine}{process.Output}");
        Assert.Contains("stopped", process.Output, StringComparison.Ordinal);
    }
}

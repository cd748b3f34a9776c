using System.Diagnostics;
using System.Text.RegularExpressions;
using Confluent.Kafka;
using PoQ.Hosting.Kafka;
using PoQ.Ingest.Contract;

namespace PoQ.Hosting.Tests.Kafka;

/// <summary><c>poq broker</c> run as its own process, as scripts and the demo use it, reached over TCP.</summary>
public sealed partial class BrokerCommandProcessTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task PoqBroker_PrintsTheBootstrapLine_ServesThePoqTopics_AndStopsCleanlyOnSigterm()
    {
        using var process = StartPoq("broker", "--partitions", "6");
        try
        {
            string? line = await process.StandardOutput.ReadLineAsync().WaitAsync(Timeout);
            Assert.NotNull(line);
            Match ready = ReadyLine().Match(line);
            Assert.True(ready.Success, $"unexpected first line: {line}");
            string bootstrap = ready.Groups["bootstrap"].Value;

            Assert.All(TopicNames.Default.All, topic => Assert.Equal(topic == TopicNames.Default.Registry ? 1 : 6, KafkaPartitions.Of(bootstrap, topic, Timeout).Count));
            using (var producer = new ProducerBuilder<string, string>(KafkaClientDefaults.Producer(bootstrap)).Build())
            {
                var delivered = await producer.ProduceAsync(TopicNames.Default.Tasks, new Message<string, string> { Key = "t-1", Value = "{}" });
                Assert.Equal(PersistenceStatus.Persisted, delivered.Status);
            }

            Assert.Equal(0, await SigtermAsync(process.Id));
            await process.WaitForExitAsync().WaitAsync(Timeout);
            Assert.Equal(0, process.ExitCode);
            Assert.Contains("stopped", await process.StandardError.ReadToEndAsync(), StringComparison.Ordinal);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
    }

    [Fact]
    public async Task PoqBroker_ZeroPartitions_FailsWithAUsageError()
    {
        using var process = StartPoq("broker", "--partitions", "0");
        await process.WaitForExitAsync().WaitAsync(Timeout);

        Assert.Equal(2, process.ExitCode);
        Assert.Contains("--partitions", await process.StandardError.ReadToEndAsync(), StringComparison.Ordinal);
    }

    // What Ctrl-C's sibling, a service manager's stop, sends; sh's builtin kill avoids P/Invoke in tests.
    private static async Task<int> SigtermAsync(int pid)
    {
        using var kill = Process.Start("sh", ["-c", $"kill -TERM {pid}"]);
        await kill.WaitForExitAsync();
        return kill.ExitCode;
    }

    [GeneratedRegex(@"^kafka: (?<bootstrap>127\.0\.0\.1:\d+)$")]
    private static partial Regex ReadyLine();

    private static Process StartPoq(params string[] arguments)
    {
        // The CLI is a project reference of this test project, so its apphost is copied next to the tests.
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "poq"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("poq did not start");
    }
}

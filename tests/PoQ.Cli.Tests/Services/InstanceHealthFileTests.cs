using PoQ.Cli.Services;
using PoQ.Pipeline.Resilience;

namespace PoQ.Cli.Tests.Services;

/// <summary>
/// The health file <c>poq status</c> reads during an outage. Two lanes can see the database come back at the same moment
/// (a CI run once stopped the pipeline when both wrote the same temporary file), so concurrent writes must all succeed.
/// </summary>
public sealed class InstanceHealthFileTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "poq-health-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void ConcurrentWrites_AllSucceed_AndLeaveOneCompleteFile()
    {
        var health = new PipelineHealth(TimeSpan.FromMinutes(5), TimeProvider.System, _ => { });
        health.Database.Failed(new TimeoutException("Timeout during reading attempt"));

        Parallel.For(0, 400, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ => InstanceHealthFile.WriteTo(directory, "lane-race", "group", health));

        Assert.Equal(["lane-race.json"], Directory.EnumerateFiles(directory).Select(Path.GetFileName));
        var written = Assert.Single(InstanceHealthFile.RunningIn(directory));
        Assert.Equal("lane-race", written.Instance);
        Assert.Equal("Timeout during reading attempt", written.DatabaseLastError);
        Assert.NotNull(written.DatabaseUnavailableSince);
    }

    [Fact]
    public void TheLastWrite_HoldsTheLatestState()
    {
        var health = new PipelineHealth(TimeSpan.FromMinutes(5), TimeProvider.System, _ => { });
        health.Database.Failed(new TimeoutException("down"));
        InstanceHealthFile.WriteTo(directory, "recovering", "group", health);
        health.Database.Recovered();
        InstanceHealthFile.WriteTo(directory, "recovering", "group", health);

        var written = Assert.Single(InstanceHealthFile.RunningIn(directory));
        Assert.Null(written.DatabaseUnavailableSince);
        Assert.Null(written.DatabaseLastError);
    }

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}

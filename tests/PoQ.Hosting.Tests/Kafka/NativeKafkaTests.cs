using Confluent.Kafka;
using PoQ.Hosting.Kafka;

namespace PoQ.Hosting.Tests.Kafka;

public sealed class NativeKafkaTests
{
    [Fact]
    public void VersionString_AfterEnsureLoaded_IsTheBundledBuildNotTheSystemOne()
    {
        NativeKafka.EnsureLoaded();

        Assert.Equal(NativeKafka.ExpectedVersion, Library.VersionString);
        Assert.Equal("2.16.0", NativeKafka.VersionString);
    }

    [Fact]
    public void LoadedPath_IsTheCentos8BuildCopiedNextToTheTests()
    {
        NativeKafka.EnsureLoaded();

        Assert.NotNull(NativeKafka.LoadedPath);
        Assert.EndsWith("centos8-librdkafka.so", NativeKafka.LoadedPath, StringComparison.Ordinal);
        Assert.StartsWith(AppContext.BaseDirectory, NativeKafka.LoadedPath, StringComparison.Ordinal);
    }

    [Fact]
    public void EnsureLoaded_CalledAgainFromManyThreads_IsANoOp()
    {
        Parallel.For(0, 16, _ => NativeKafka.EnsureLoaded());

        Assert.Equal(NativeKafka.ExpectedVersion, Library.VersionString);
    }
}

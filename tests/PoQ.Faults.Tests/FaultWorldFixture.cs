using PoQ.Chaos;
using PoQ.Hosting.Kafka;

namespace PoQ.Faults.Tests;

/// <summary>
/// One PostgreSQL server of the suite's own (the faults stop and start it), the seeded log, and the clean run every
/// faulted run is compared with — set up once for the whole collection, whose tests run one after the other.
/// </summary>
public sealed class FaultWorldFixture : IAsyncLifetime
{
    private ChaosWorld? world;

    /// <summary>The world.</summary>
    public ChaosWorld World => world ?? throw new InvalidOperationException("not started");

    /// <summary>What the clean run recorded.</summary>
    public StoreFacts Clean { get; private set; } = null!;

    /// <summary>The built poq next to the tests.</summary>
    public static IReadOnlyList<string> Poq => [Path.Combine(AppContext.BaseDirectory, "poq")];

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        NativeKafka.EnsureLoaded();
        world = await ChaosWorld.StartAsync(Poq, new ChaosOptions(), CancellationToken.None);
        var (clean, notes) = await new FaultRun(world).CleanAsync(CancellationToken.None);
        Assert.True(clean.VerifyClean && clean.DistinctTasks > 0, $"the clean run recorded no verifiable history:{Environment.NewLine}{notes}");
        Clean = clean;
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (world is not null)
        {
            await world.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class FaultCollection : ICollectionFixture<FaultWorldFixture>
{
    public const string Name = "faults";
}

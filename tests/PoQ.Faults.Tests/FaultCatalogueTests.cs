using PoQ.Chaos;

namespace PoQ.Faults.Tests;

/// <summary>
/// The fault catalogue at its full durations, each fault once, with a live stream running: PostgreSQL fast shutdown
/// for 20 s, PostgreSQL crash and restart, broker down for 30 s, a commit stalled 30 s — alone and with the pipeline
/// SIGKILLed during the fault. After each: the pipeline stayed up (or its successor drained), nothing lost, nothing
/// paid twice, audit verify clean, and the same digest as the clean run of the same log.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class FaultCatalogueTests(FaultWorldFixture fixture)
{
    public static TheoryData<string> Faults => [.. Fault.Catalogue().Select(f => f.Name)];

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task The_pipeline_rides_through(string name)
    {
        var fault = Fault.Catalogue().Single(f => f.Name == name);
        var outcome = await new FaultRun(fixture.World).RunAsync(fault, run: 1, timingSeed: StableSeed(name), fixture.Clean, CancellationToken.None);

        string report = $"{name}: survived {outcome.Survived}, lost {outcome.Lost}, duplicates {outcome.Duplicates}, digest equal {outcome.DigestEqual}, verify clean {outcome.VerifyClean}{Environment.NewLine}{outcome.Notes}";
        Assert.True(outcome.Survived, report);
        Assert.True(outcome.Lost == 0, report);
        Assert.True(outcome.Duplicates == 0, report);
        Assert.True(outcome.VerifyClean, report);
        Assert.True(outcome.DigestEqual, report);
    }

    // string.GetHashCode is randomised per process; the timings must not be.
    private static int StableSeed(string name) => name.Aggregate(17, (h, c) => unchecked((h * 31) + c));
}

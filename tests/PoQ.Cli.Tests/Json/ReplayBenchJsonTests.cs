using PoQ.Bench;
using PoQ.Cli.Json;

namespace PoQ.Cli.Tests.Json;

/// <summary>Snapshot of <c>poq bench replay --json</c>.</summary>
public sealed class ReplayBenchJsonTests
{
    [Fact]
    public void Serialize_FixedResult_IsTheSnapshot() => Assert.Equal(
        """{"tasks":1000,"scores":5000,"rule":"trust","repetitions":5,"raw_read_scores_per_minute":20000000,"replay_scores_per_minute":10000000,"ratio_to_raw_read":0.5,"replay_includes":"read \u002B settle \u002B scenario write"}""",
        CliJson.Serialize(ReplayBenchJson.Of(new ReplayBenchResult(1_000, 5_000, "trust", 5, 20_000_000, 10_000_000, 0.5))));
}

using PoQ.Bench;
using PoQ.Cli.Json;

namespace PoQ.Cli.Tests.Json;

/// <summary>Snapshot of <c>poq bench consensus --json</c>.</summary>
public sealed class ConsensusBenchJsonTests
{
    [Fact]
    public void Serialize_FixedFigures_IsTheSnapshot() => Assert.Equal(
        """{"tasks":200000,"k":5,"repetitions":7,"figures":[{"name":"baseline","ns_per_task":12.5,"tasks_per_second":80000000,"ratio_to_baseline":1},{"name":"median","ns_per_task":50,"tasks_per_second":20000000,"ratio_to_baseline":4}]}""",
        CliJson.Serialize(ConsensusBenchJson.Of(200_000, 5, 7, [new BenchFigure("baseline", 12.5, 80_000_000, 1), new BenchFigure("median", 50, 20_000_000, 4)])));
}

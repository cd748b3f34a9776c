using PoQ.Cli.Json;

namespace PoQ.Cli.Tests.Json;

/// <summary>Snapshot of one line of <c>poq projections rebuild --json</c>.</summary>
public sealed class RebuildJsonTests
{
    [Fact]
    public void Serialize_FixedRebuild_IsTheSnapshot() => Assert.Equal(
        """{"name":"node_ledgers","events":8,"tasks":500,"rows":2097,"seconds":0.625,"tasks_per_second":800}""",
        CliJson.Serialize(new RebuildJson("node_ledgers", 8, 500, 2_097, 0.625, 800)));
}

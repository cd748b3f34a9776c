using PoQ.Chaos;
using PoQ.Cli.Json;

namespace PoQ.Cli.Tests.Json;

/// <summary>Snapshot of <c>poq chaos --json</c>.</summary>
public sealed class ChaosJsonTests
{
    [Fact]
    public void Serialize_FixedSoak_IsTheSnapshot() => Assert.Equal(
        """{"runs":2,"seed":20261202,"clean_tasks":1500,"clean_digest":"ab12","faults":[{"name":"postgres-restart","runs":2,"survived":2,"lost":0,"duplicates":0,"digest_equal":2,"verify_clean":2,"max_rss_growth_mib":12.5},{"name":"kill","runs":2,"survived":2,"lost":0,"duplicates":0,"digest_equal":2,"verify_clean":2,"max_rss_growth_mib":null}]}""",
        CliJson.Serialize(new ChaosJson(2, 20_261_202, 1_500, "ab12",
        [
            ChaosFaultJson.Of(new FaultTally("postgres-restart", 2, 2, 0, 0, 2, 2), 12.5),
            ChaosFaultJson.Of(new FaultTally("kill", 2, 2, 0, 0, 2, 2), null),
        ])));
}

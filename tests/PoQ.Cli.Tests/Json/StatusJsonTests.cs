using PoQ.Cli.Json;

namespace PoQ.Cli.Tests.Json;

/// <summary>Snapshot of <c>poq status --json</c> (style.md §15): its field names and order are a contract.</summary>
public sealed class StatusJsonTests
{
    [Fact]
    public void Serialize_FixedStatus_IsTheSnapshot()
    {
        var status = new StatusJson(
            500, 3, 2_500, new StatusRewardsJson(3_000, 2202.5, 214.25, 1988.25),
            new SortedDictionary<string, long>(StringComparer.Ordinal) { ["late_score"] = 2, ["malformed_json"] = 1 },
            null, "no broker known: pass --kafka or start `poq run`", [], "trust", "b3f6ca52c80c8c89",
            [new StatusInstanceJson("vm/1", "poq", 42, new DateTimeOffset(2026, 1, 1, 0, 0, 5, TimeSpan.Zero), null)]);

        Assert.Equal(
            """{"tasks_finalized":500,"tasks_insufficient":3,"scores_accepted":2500,"rewards":{"count":3000,"total":2202.5,"inference":214.25,"evaluators":1988.25},"dead_letters":{"late_score":2,"malformed_json":1},"consumer_lag":null,"consumer_lag_note":"no broker known: pass --kafka or start \u0060poq run\u0060","data_loss":[],"rule":"trust","params_hash":"b3f6ca52c80c8c89","instances":[{"instance":"vm/1","group":"poq","pid":42,"database_unavailable_since":"2026-01-01T00:00:05+00:00","broker_unavailable_since":null}]}""",
            CliJson.Serialize(status));
    }
}

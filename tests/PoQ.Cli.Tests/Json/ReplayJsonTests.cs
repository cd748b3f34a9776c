using PoQ.Cli.Json;

namespace PoQ.Cli.Tests.Json;

/// <summary>Snapshot of <c>poq replay --json</c>: the field names and order scripts and the benches read.</summary>
public sealed class ReplayJsonTests
{
    [Fact]
    public void Serialize_FixedReplay_IsTheSnapshot()
    {
        var replay = new ReplayJson(
            "m1", "median", new Dictionary<string, string>(StringComparer.Ordinal) { ["tau"] = "0.2" }, "7896a617a785dd96", "91460a9a00b06bbc", "9cb7d8879b883dee",
            2_000, "9fc84358", ["trust (b3f6ca52c80c8c89)"], "recorded", 500, 2_500, 1, 8,
            2202.5, 2202.5, 2190.25, 0.5, 120, false, 380, 0.125, 1.5, 40, 0,
            null, null, 0.5, 0.625, 150_000, "/tmp/poq-replay/m1");

        Assert.Equal(
            """{"scenario":"m1","rule":"median","params":{"tau":"0.2"},"params_hash":"7896a617a785dd96","reward_params_hash":"91460a9a00b06bbc","mechanism_hash":"9cb7d8879b883dee","trust_epoch_ms":2000,"digest":"9fc84358","recorded_rules":["trust (b3f6ca52c80c8c89)"],"baseline":"recorded","tasks":500,"scores":2500,"first_sequence":1,"last_sequence":8,"total_payout_recorded":2202.5,"total_payout_baseline":2202.5,"total_payout_scenario":2190.25,"max_abs_reward_delta":0.5,"identical_tasks":120,"reproduces_baseline":false,"tasks_shifted":380,"mean_abs_consensus_shift":0.125,"max_abs_consensus_shift":1.5,"trimmed":40,"down_weighted":0,"malicious_payout_baseline":null,"malicious_payout_scenario":null,"consensus_error_baseline":0.5,"consensus_error_scenario":0.625,"scores_per_minute":150000,"report":"/tmp/poq-replay/m1"}""",
            CliJson.Serialize(replay));
    }
}

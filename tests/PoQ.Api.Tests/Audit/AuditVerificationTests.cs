using PoQ.Api.Tests.TestSupport;
using PoQ.Consensus.Rules;
using PoQ.Projections.Store;
using PoQ.Projections.Verification;
using PoQ.Testing.Postgres;

namespace PoQ.Api.Tests.Audit;

/// <summary>verify re-derives every recorded payout; editing a stored event row in PostgreSQL is caught.</summary>
[Collection(PostgresFixture.Collection)]
public sealed class AuditVerificationTests(PostgresFixture postgres)
{
    [Fact]
    public async Task All_RecordedHistory_ReproducesEveryValue()
    {
        var report = await VerifyAllAsync(await RecordedHistory.SharedAsync(postgres));

        Assert.Empty(report.Mismatches);
        Assert.Equal(RecordedHistory.Tasks + 1, report.TasksChecked);
    }

    [Fact]
    public async Task All_TamperedReward_IsReportedWithTaskFieldAndBothValues()
    {
        string connection = await RecordedHistory.CreateAsync(postgres, "audit_tamper_reward");
        await RecordedHistory.TamperAsync(connection, "t-7", t => t with { Settlement = t.Settlement with { Verdicts = [t.Settlement.Verdicts[0] with { Reward = 99 }, .. t.Settlement.Verdicts.Skip(1)] } });

        var report = await VerifyAllAsync(connection);

        var mismatch = Assert.Single(report.Mismatches, m => m.TaskId == "t-7");
        Assert.EndsWith(".reward", mismatch.Field, StringComparison.Ordinal);
        Assert.Equal("99", mismatch.Recorded);
        Assert.NotEqual("99", mismatch.Recomputed);

        // The node ledger is checked per partition, on its exact amount.
        Assert.Contains(report.Mismatches, m => m.TaskId is null && m.Field.StartsWith("node_ledger[evaluator:", StringComparison.Ordinal) && m.Field.EndsWith(".amount", StringComparison.Ordinal));
    }

    [Fact]
    public async Task All_TamperedScore_ChangesTheRederivedConsensus()
    {
        string connection = await RecordedHistory.CreateAsync(postgres, "audit_tamper_score");
        await RecordedHistory.TamperAsync(connection, "t-9", t => t with { Facts = t.Facts with { AcceptedScores = [t.Facts.AcceptedScores[0] with { Score = 0.5 }, .. t.Facts.AcceptedScores.Skip(1)] } });

        var report = await VerifyAllAsync(connection);

        Assert.Contains(report.Mismatches, m => m.TaskId == "t-9" && m.Field == "consensus");
        Assert.Contains(report.Mismatches, m => m.TaskId == "t-9" && m.Field == "inference_reward");
    }

    [Fact]
    public async Task All_TamperedTrustBefore_BreaksTheChain()
    {
        string connection = await RecordedHistory.CreateAsync(postgres, "audit_tamper_trust");
        await RecordedHistory.TamperAsync(connection, "t-12", t => t with { Settlement = t.Settlement with { Verdicts = [t.Settlement.Verdicts[0], t.Settlement.Verdicts[1] with { TrustBefore = 2.5 }, .. t.Settlement.Verdicts.Skip(2)] } });

        var report = await VerifyAllAsync(connection);

        // The chain re-derives the trust every task was entitled to; the recorded one differs.
        var mismatch = Assert.Single(report.Mismatches);
        Assert.Equal(("t-12", "2.5"), (mismatch.TaskId, mismatch.Recorded));
        Assert.EndsWith(".trust_before", mismatch.Field, StringComparison.Ordinal);
    }

    [Fact]
    public async Task All_EpochTrustHistory_ReproducesEveryEpochClose()
    {
        string connection = await RecordedHistory.CreateAsync(postgres, "audit_epochs", RuleCatalog.Create("robust-trust"), TimeSpan.FromSeconds(5));

        var report = await VerifyAllAsync(connection);

        Assert.Empty(report.Mismatches);
        Assert.True(await RecordedHistory.ExecuteAsync(connection, "select 1 from poq.mt_events where type = 'trust_epoch_closed'") != 0);
    }

    [Fact]
    public async Task All_TamperedEpochClose_IsReportedOnThatEpoch()
    {
        string connection = await RecordedHistory.CreateAsync(postgres, "audit_tamper_epoch", RuleCatalog.Create("trust"), TimeSpan.FromSeconds(5));
        Assert.Equal(1, await RecordedHistory.ExecuteAsync(connection,
            "update poq.mt_events set data = jsonb_set(data, '{changes,0,weightAfter}', '2.9') where seq_id = (select min(seq_id) from poq.mt_events where type = 'trust_epoch_closed')"));

        var report = await VerifyAllAsync(connection);

        var mismatch = Assert.Single(report.Mismatches);
        Assert.Matches(@"^trust_epoch\[\d+\]\.changes\[ev-\d\]\.weight_after$", mismatch.Field);
        Assert.Equal("2.9", mismatch.Recorded);
    }

    [Fact]
    public async Task All_TamperedRuleParameters_NoLongerMatchTheirHash()
    {
        string connection = await RecordedHistory.CreateAsync(postgres, "audit_tamper_mechanism");
        await RecordedHistory.ExecuteAsync(connection,
            "update poq.mt_events set data = jsonb_set(data, '{ruleParameters,lambda}', '\"0.5\"') where type = 'mechanism_configured' and data->>'rule' = 'trust'");

        var report = await VerifyAllAsync(connection);

        Assert.Contains(report.Mismatches, m => m.TaskId is null && m.Field.StartsWith("mechanism[", StringComparison.Ordinal) && m.Recorded.Contains("params_hash", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Task_One_IsCheckedAloneAndUnknownIsNull()
    {
        using var store = PoqStore.Create(await RecordedHistory.SharedAsync(postgres));
        await using var session = store.QuerySession();

        string connection = await RecordedHistory.SharedAsync(postgres);
        var report = (await AuditVerification.TaskAsync(session, connection, "t-33", default))!;

        Assert.Equal(1, report.TasksChecked);
        Assert.True(report.Clean);
        Assert.Null(await AuditVerification.TaskAsync(session, connection, "t-nope", default));
    }

    private static async Task<VerificationReport> VerifyAllAsync(string connection)
    {
        using var store = PoqStore.Create(connection);
        await using var session = store.QuerySession();
        return await AuditVerification.AllAsync(session, connection, default);
    }
}

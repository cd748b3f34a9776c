using PoQ.Api.Tests.TestSupport;
using PoQ.Projections.Audit;
using PoQ.Projections.Store;
using PoQ.Testing.Postgres;

namespace PoQ.Api.Tests.Audit;

/// <summary>verify re-derives every recorded payout; editing a stored event row in PostgreSQL is caught.</summary>
[Collection(PostgresFixture.Collection)]
public sealed class AuditVerificationTests(PostgresFixture postgres)
{
    private const string TaskRow = "type = 'task_finalized' and data->'facts'->>'taskId' = ";

    [Fact]
    public async Task All_RecordedHistory_ReproducesEveryValue()
    {
        var report = await VerifyAllAsync(await RecordedHistory.SharedAsync(postgres));

        Assert.Empty(report.Mismatches);
        Assert.Equal(RecordedHistory.TrustTasks + RecordedHistory.TrimmedTasks + 1, report.TasksChecked);
    }

    [Fact]
    public async Task All_TamperedReward_IsReportedWithTaskFieldAndBothValues()
    {
        string connection = await RecordedHistory.CreateAsync(postgres, "audit_tamper_reward");
        Assert.Equal(1, await RecordedHistory.ExecuteAsync(connection,
            $"update poq.mt_events set data = jsonb_set(data, '{{settlement,verdicts,0,reward}}', '99') where {TaskRow}'t-7'"));

        var report = await VerifyAllAsync(connection);

        var mismatch = Assert.Single(report.Mismatches, m => m.TaskId == "t-7");
        Assert.EndsWith(".reward", mismatch.Field, StringComparison.Ordinal);
        Assert.Equal("99", mismatch.Recorded);
        Assert.NotEqual("99", mismatch.Recomputed);
        Assert.Contains(report.Mismatches, m => m.TaskId is null && m.Field.StartsWith("node_ledger[evaluator:", StringComparison.Ordinal) && m.Field.EndsWith(".total", StringComparison.Ordinal));
    }

    [Fact]
    public async Task All_TamperedScore_ChangesTheRederivedConsensus()
    {
        string connection = await RecordedHistory.CreateAsync(postgres, "audit_tamper_score");
        await RecordedHistory.ExecuteAsync(connection,
            $"update poq.mt_events set data = jsonb_set(data, '{{facts,acceptedScores,0,score}}', '0.5') where {TaskRow}'t-9'");

        var report = await VerifyAllAsync(connection);

        Assert.Contains(report.Mismatches, m => m.TaskId == "t-9" && m.Field == "consensus");
        Assert.Contains(report.Mismatches, m => m.TaskId == "t-9" && m.Field == "inference_reward");
    }

    [Fact]
    public async Task All_TamperedTrustBefore_BreaksTheChain()
    {
        string connection = await RecordedHistory.CreateAsync(postgres, "audit_tamper_trust");
        await RecordedHistory.ExecuteAsync(connection,
            $"update poq.mt_events set data = jsonb_set(data, '{{settlement,verdicts,1,trustBefore}}', '2.5') where {TaskRow}'t-12'");

        var report = await VerifyAllAsync(connection);

        Assert.Contains(report.Mismatches, m => m.TaskId == "t-12" && m.Field.EndsWith(".trust_before", StringComparison.Ordinal) && m.Recorded == "2.5");
        Assert.Contains(report.Mismatches, m => m.Field.StartsWith("trust_ledger[", StringComparison.Ordinal) && m.Field.EndsWith(".weight_before", StringComparison.Ordinal));
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

        var report = (await AuditVerification.TaskAsync(session, "t-33", default))!;

        Assert.Equal(1, report.TasksChecked);
        Assert.True(report.Clean);
        Assert.Null(await AuditVerification.TaskAsync(session, "t-nope", default));
    }

    private static async Task<VerificationReport> VerifyAllAsync(string connection)
    {
        using var store = PoqStore.Create(connection);
        await using var session = store.QuerySession();
        return await AuditVerification.AllAsync(session, default);
    }
}

using Marten;
using PoQ.Api.Tests.TestSupport;
using PoQ.Consensus.Rules;
using PoQ.Projections.History;
using PoQ.Projections.Ledgers;
using PoQ.Projections.Model;
using PoQ.Projections.Queries;
using PoQ.Projections.Store;
using PoQ.Projections.Verification;
using PoQ.Settlement.Events;
using PoQ.Testing.Postgres;

namespace PoQ.Api.Tests.Audit;

[Collection(PostgresFixture.Collection)]
public sealed class AuditQueriesTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Task_Recorded_ShowsTheFullBreakdown()
    {
        string connection = await RecordedHistory.SharedAsync(postgres);
        using var store = PoqStore.Create(connection);
        await using var session = store.QuerySession();
        var recorded = (await HistoryReader.ReadTaskAsync(connection, "t-5", default))!;

        var audit = (await TaskAuditQuery.LoadAsync(session, connection, "t-5", default))!;

        Assert.Equal("trust", audit.Rule);
        Assert.Equal(recorded.Settlement.ParamsHash, audit.ParamsHash);
        Assert.Equal("0.2", audit.RuleParameters["lambda"]);
        Assert.Equal("linear", audit.RewardParameters["mode"]);
        Assert.Equal(recorded.Settlement.Consensus, audit.Consensus);
        Assert.Equal(recorded.Settlement.InferenceReward, audit.Inference.Reward);
        Assert.Equal(recorded.Facts.InferenceLatencyMs / 5000, audit.Inference.NormalizedCost);
        Assert.Equal(recorded.Facts.AcceptedScores.Count, audit.Evaluators.Count);
        foreach (var line in audit.Evaluators)
        {
            var verdict = recorded.Settlement.Verdicts.Single(v => v.EvaluatorId == line.EvaluatorId);
            var score = recorded.Facts.AcceptedScores.Single(s => s.EvaluatorId == line.EvaluatorId);
            Assert.Equal(verdict.Reward, line.Reward);
            Assert.Equal(verdict.TrustBefore, line.TrustBefore);
            Assert.Equal(score.LatencyMs / 1000, line.NormalizedCost);
            Assert.Contains("R_M = α_M·(1 − d) − β_M·ĉ_M", line.Formula, StringComparison.Ordinal);
        }

        Assert.Equal(recorded.Settlement.InferenceReward + recorded.Settlement.Verdicts.Sum(v => v.Reward), audit.TotalPaid, 12);
        Assert.Null(audit.MechanismNote);
        Assert.Equal((recorded.Epoch, recorded.Facts.TaskSource.Partition, 0L), (audit.Epoch, audit.Partition, audit.TrustEpochMs!.Value));
        Assert.Equal(recorded.Facts.ClosedBy.ToString(), audit.ClosedBy);
    }

    [Fact]
    public async Task Task_UnderTrimmedRule_ListsTheTrimmedEvaluators()
    {
        var trimmed = RuleCatalog.Create("trimmed", new Dictionary<string, string> { ["tau"] = "0.25", ["rounding"] = "at-least-one" });
        string connection = await RecordedHistory.CreateAsync(postgres, "audit_trimmed", trimmed, TimeSpan.FromSeconds(2));
        using var store = PoqStore.Create(connection);
        await using var session = store.QuerySession();

        var audit = (await TaskAuditQuery.LoadAsync(session, connection, "t-31", default))!;

        Assert.Equal("trimmed", audit.Rule);
        Assert.Equal(2, audit.Trimmed.Count); // g = max(1, ⌊0.25·4⌋) per side
        Assert.All(audit.Trimmed, id => Assert.True(audit.Evaluators.Single(e => e.EvaluatorId == id).Excluded));
    }

    [Fact]
    public async Task Task_BelowQuorum_HasNoConsensusNorRewards()
    {
        using var store = PoqStore.Create(await RecordedHistory.SharedAsync(postgres));
        await using var session = store.QuerySession();

        var audit = (await TaskAuditQuery.LoadAsync(session, await RecordedHistory.SharedAsync(postgres), RecordedHistory.InsufficientTask, default))!;

        Assert.Equal(TaskSettlement.Insufficient, audit.Status);
        Assert.Null(audit.Consensus);
        Assert.Null(Assert.Single(audit.Evaluators).Reward);
        Assert.Equal(2, audit.MissingEvaluators.Count);
    }

    [Fact]
    public async Task Task_Unknown_IsNull()
    {
        using var store = PoqStore.Create(await RecordedHistory.SharedAsync(postgres));
        await using var session = store.QuerySession();

        Assert.Null(await TaskAuditQuery.LoadAsync(session, await RecordedHistory.SharedAsync(postgres), "t-nope", default));
        Assert.Null(await TaskAuditQuery.LoadAsync(session, await RecordedHistory.SharedAsync(postgres), "mechanism", default));
    }

    [Fact]
    public async Task Node_Inference_TotalsMatchLedgerAndHistory()
    {
        var parts = await NodeLedgerTable.ReadAsync(await RecordedHistory.SharedAsync(postgres), "inf-1", default);
        var ledger = NodeLedger.Combine(RecordedRoles.Inference, "inf-1", parts);
        Assert.Equal(2, parts.Count); // one per partition

        var audit = (await NodeAuditQuery.LoadAsync(await RecordedHistory.SharedAsync(postgres), "inf-1", AuditLimits.MaxHistory, default))!;

        var role = audit.Inference!;
        Assert.Null(audit.Evaluator);
        Assert.Equal(ledger.Count, role.Count);
        Assert.Equal(ledger.Total, role.Total);
        Assert.Equal(role.Count, role.HistoryCount);
        double mean = role.History.Average(h => h.Amount);
        Assert.Equal(mean, role.Mean, 12);
        Assert.Equal(role.History.Sum(h => (h.Amount - mean) * (h.Amount - mean)) / role.Count, role.Variance, 12);
        Assert.Equal(role.History.OrderByDescending(h => h.ClosedAt), role.History); // newest first
        Assert.Null(role.NextCursor); // the whole history fits the limit
    }

    [Fact]
    public async Task Node_HistoryLimit_KeepsTheMostRecent()
    {
        var audit = (await NodeAuditQuery.LoadAsync(await RecordedHistory.SharedAsync(postgres), "ev-1", 3, default))!;

        var role = audit.Evaluator!;
        Assert.Equal(3, role.History.Count);
        Assert.Equal(role.LastPaidAt, role.History[0].ClosedAt); // newest first
        Assert.True(role.HistoryCount > 3);
        Assert.NotNull(role.NextCursor); // older payouts remain
    }

    [Fact]
    public async Task Evaluator_TrustTrajectoryChainsAndDeadLettersAreGrouped()
    {
        using var store = PoqStore.Create(await RecordedHistory.SharedAsync(postgres));
        await using var session = store.QuerySession();

        // More points than settled tasks: the downsampled trajectory keeps every step.
        var audit = (await EvaluatorAuditQuery.LoadAsync(session, await RecordedHistory.SharedAsync(postgres), "ev-2", 1, NodeHistoryQuery.MaxPoints, default))!;

        Assert.Equal(audit.TasksSettled, audit.Trajectory.Count);
        for (int i = 1; i < audit.Trajectory.Count; i++)
        {
            Assert.Equal(audit.Trajectory[i - 1].After, audit.Trajectory[i].Before);
        }

        Assert.Equal(audit.Trajectory[^1].After, audit.CurrentTrust);
        Assert.Equal(audit.TasksSettled, audit.Deviation.Count);
        Assert.InRange(audit.Deviation.Mean, audit.Deviation.Min, audit.Deviation.Max);
        Assert.Equal(new Dictionary<string, long> { ["duplicate_score"] = 1, ["late_score"] = 1 }, audit.DeadLettersByReason);
        Assert.Equal("late_score", Assert.Single(audit.RecentDeadLetters).Reason);
    }

    [Fact]
    public async Task Evaluator_Unknown_IsNull()
    {
        using var store = PoqStore.Create(await RecordedHistory.SharedAsync(postgres));
        await using var session = store.QuerySession();

        string connection = await RecordedHistory.SharedAsync(postgres);
        Assert.Null(await EvaluatorAuditQuery.LoadAsync(session, connection, "ev-nope", 10, NodeHistoryQuery.DefaultPoints, default));
        Assert.Null(await NodeAuditQuery.LoadAsync(connection, "ev-nope", 10, default));
    }

    [Fact]
    public async Task Presence_EachKindOfDatabase_IsTold()
    {
        string foreign = await postgres.CreateDatabaseAsync("audit_empty");
        string started = await postgres.CreateDatabaseAsync("audit_started");
        using (var store = PoqStore.Create(started))
        {
            await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        }

        Assert.Equal(HistoryPresence.NoStore, await HistoryReader.PresenceAsync(foreign, default));
        Assert.Equal(HistoryPresence.Empty, await HistoryReader.PresenceAsync(started, default));

        // The names raw SQL uses for Marten's document tables are the ones Marten created.
        Assert.True(await HistoryReader.TableExistsAsync(started, PoqTables.DocumentTable<DeadLetterRecord>(), default));
        Assert.True(await HistoryReader.TableExistsAsync(started, PoqTables.DocumentTable<PoQ.Projections.Model.SimulationManifest>(), default));
        Assert.True(await HistoryReader.TableExistsAsync(started, PoqTables.DocumentTable<VerificationRecord>(), default));
        Assert.Equal(HistoryPresence.Recorded, await HistoryReader.PresenceAsync(await RecordedHistory.SharedAsync(postgres), default));
    }
}

using PoQ.Ingest.Contract;
using PoQ.Ingest.Identity.Registry;
using PoQ.Pipeline.Registry;
using PoQ.Pipeline.Tests.TestSupport;
using PoQ.Settlement.Events;
using PoQ.Settlement.Sampling;

namespace PoQ.Pipeline.Tests.Registry;

/// <summary>Audit's re-check of admission: the recorded draw and the recorded signatures against the recorded registry.</summary>
public sealed class AdmissionAuditTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly string[] Pool = [.. Enumerable.Range(1, 8).Select(i => $"e-{i}")];

    private static KeyRegistry Registry()
    {
        var registry = new KeyRegistry();
        foreach (string e in Pool)
        {
            using var key = SignedWire.Key(e);
            registry.Apply(new RegistryChange(RegistryAction.Register, e, key.PublicKey, T0));
        }

        // e-8 leaves the pool later: tasks after that are drawn from seven.
        registry.Apply(new RegistryChange(RegistryAction.Revoke, "e-8", null, T0.AddMinutes(10)));
        return registry;
    }

    private static TaskFinalized Task(string taskId, IReadOnlyList<string> evaluators, DateTimeOffset at, string? seed = "s", Func<string, byte[]?>? signature = null)
    {
        var scores = evaluators.Select((e, i) =>
        {
            var submitted = new ScoreSubmitted($"{taskId}-{e}", taskId, e, 6, 30, at);
            using var key = SignedWire.Key(e);
            return new RecordedScore(submitted.ScoreId, e, 6, 30, at, new SourceRef(0, i)) { Signature = signature is null ? key.Sign(submitted) : signature(e) };
        }).ToArray();
        var facts = new TaskFacts
        {
            TaskId = taskId, TaskType = "qa", InferenceNodeId = "inf-1", SubmittedAt = at, InferenceLatencyMs = 800, SampledEvaluators = [.. evaluators],
            TaskSource = new SourceRef(0, 0), TaskTime = at, AcceptedScores = scores, CloseReason = CloseReasons.AllScored, ClosedAt = at.AddSeconds(1),
            ClosedBy = new RecordRef("poq.scores", 0, 9), SamplingRule = seed is null ? null : EvaluatorDraw.Rule, SamplingSeed = seed,
        };
        return new TaskFinalized(facts, 1, new TaskSettlement { Status = "insufficient", Rule = "mean", ParamsHash = "", RewardParamsHash = "", MechanismHash = "", Consensus = null, InferenceReward = 0, Verdicts = [] });
    }

    [Fact]
    public void Check_TheDrawAtTheTasksTime_IsClean_AChoiceIsNot()
    {
        var audit = new AdmissionAudit(Registry(), signatures: true);
        var early = T0.AddMinutes(1);
        var late = T0.AddMinutes(20);

        Assert.Empty(audit.Check(Task("t-1", EvaluatorDraw.Draw("s", "t-1", Pool, 3), early)));
        Assert.Empty(audit.Check(Task("t-2", EvaluatorDraw.Draw("s", "t-2", Pool[..7], 3), late)));
        string[] choice = ["e-1", "e-2", "e-3"];
        Assert.False(EvaluatorDraw.Matches("s", "t-3", Pool, choice)); // else the next line tests nothing
        var chosen = Assert.Single(audit.Check(Task("t-3", choice, early)));
        Assert.Equal("sampled_evaluators", chosen.Field);
        Assert.Contains(EvaluatorDraw.Rule, chosen.Recomputed, StringComparison.Ordinal);
        Assert.Empty(audit.Check(Task("t-4", ["e-1", "e-2", "e-3"], early, seed: null))); // not checked when admitted: nothing to re-check
    }

    [Fact]
    public void Check_ASignatureThatDoesNotVerify_IsAMismatch_OnlyWhenSignaturesAreAudited()
    {
        var drawn = EvaluatorDraw.Draw("s", "t-1", Pool, 3);
        var forged = Task("t-1", drawn, T0.AddMinutes(1), signature: e => e == drawn[0] ? new byte[64] : null);

        var mismatch = Assert.Single(new AdmissionAudit(Registry(), signatures: true).Check(forged));
        Assert.Equal($"signature of {drawn[0]}", mismatch.Field);
        Assert.StartsWith(ReasonCodes.BadSignature, mismatch.Recomputed, StringComparison.Ordinal);
        Assert.Empty(new AdmissionAudit(Registry(), signatures: false).Check(forged));
    }

    [Fact]
    public void Check_AnEscalationAsThePipelineDecidesIt_IsClean_AnyAlteredPartIsNot()
    {
        var at = T0.AddMinutes(1);
        var drawn = EvaluatorDraw.Draw("s", "t-1", Pool, 3);
        var escalation = new RegistryEscalation(Registry(), "s", new Settlement.Escalation.EscalationPolicy(0.5, 2));
        double[] first = [1, 9, 2];
        var decision = escalation.Decide(new Consensus.Windows.WindowTask("t-1", "qa", "inf-1", at, 800, drawn), at, [.. first.Select((x, i) => new Consensus.Windows.WindowScore($"s{i}", "t-1", drawn[i], x, 30, at))]);
        Assert.NotNull(decision);
        Assert.Equal(EvaluatorDraw.Draw("s", "t-1", Pool, 5).Skip(3), decision!.Evaluators);
        Assert.Equal(1, decision.Dispersion); // median 2, deviations {1, 7, 0}

        var recorded = Escalated(Task("t-1", [.. drawn, .. decision.Evaluators], at), [.. first, 8, 8], new TaskEscalation(decision.Evaluators, decision.Dispersion, 0.5, at, at.AddSeconds(10), 3));
        var audit = new AdmissionAudit(Registry(), signatures: false);

        Assert.Empty(audit.Check(recorded));
        var chosen = recorded with { Facts = recorded.Facts with { Escalation = recorded.Facts.Escalation! with { Evaluators = ["e-1", "e-2"] } } };
        Assert.Contains(audit.Check(chosen), m => m.Field == "escalation evaluators");
        var inflated = recorded with { Facts = recorded.Facts with { Escalation = recorded.Facts.Escalation! with { Dispersion = 3 } } };
        Assert.Contains(audit.Check(inflated), m => m.Field == "escalation dispersion");
        var belowThreshold = recorded with { Facts = recorded.Facts with { Escalation = recorded.Facts.Escalation! with { Threshold = 1 } } };
        Assert.Contains(audit.Check(belowThreshold), m => m.Field == "escalation dispersion");
    }

    [Fact]
    public void Decide_AgreeingScoresOrNoCandidatesLeft_DoesNotEscalate()
    {
        var at = T0.AddMinutes(1);
        var drawn = EvaluatorDraw.Draw("s", "t-1", Pool, 3);
        var task = new Consensus.Windows.WindowTask("t-1", "qa", "inf-1", at, 800, drawn);
        Consensus.Windows.WindowScore[] agreeing = [.. drawn.Select((e, i) => new Consensus.Windows.WindowScore($"s{i}", "t-1", e, 5 + (i * 0.5), 30, at))];
        Consensus.Windows.WindowScore[] disagreeing = [.. drawn.Select((e, i) => new Consensus.Windows.WindowScore($"s{i}", "t-1", e, i * 4.5, 30, at))];

        Assert.Null(new RegistryEscalation(Registry(), "s", new Settlement.Escalation.EscalationPolicy(1.5, 2)).Decide(task, at, agreeing));
        Assert.NotNull(new RegistryEscalation(Registry(), "s", new Settlement.Escalation.EscalationPolicy(1.5, 2)).Decide(task, at, disagreeing));
        Assert.Null(new RegistryEscalation(new KeyRegistry(), "s", new Settlement.Escalation.EscalationPolicy(1.5, 2)).Decide(task, at, disagreeing));
    }

    private static TaskFinalized Escalated(TaskFinalized task, double[] scores, TaskEscalation escalation) => task with
    {
        Facts = task.Facts with
        {
            SampledEvaluators = [.. task.Facts.SampledEvaluators.Take(task.Facts.SampledEvaluators.Count - escalation.Evaluators.Count)],
            AcceptedScores = [.. task.Facts.AcceptedScores.Select((s, i) => s with { Score = scores[i] })],
            CloseReason = CloseReasons.EscalationAnswered,
            Escalation = escalation,
        },
    };
}

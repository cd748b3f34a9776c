using Marten;
using PoQ.Ingest.Contract;
using PoQ.Ingest.Identity.Registry;
using PoQ.Projections.Verification;
using PoQ.Settlement.Events;
using PoQ.Settlement.Sampling;

namespace PoQ.Pipeline.Registry;

/// <summary>
/// Re-checks a recorded task's admission against the recorded registry: its evaluators are the public draw the task
/// records (rule and seed, from the evaluators active at its log time), and — with <paramref name="signatures"/> —
/// every accepted score's signature verifies with its evaluator's key in force while the task was open (at its log time
/// or at its close); an escalated task's dispersion recomputes from the scores it saw and exceeds its threshold, and its
/// extra evaluators are the draw's next ones. Signatures are opt-in because an Ed25519 verification costs ~80 µs, five times a task's whole
/// re-derivation. Thread safe: the registry is read-only here and the active sets are computed up front.
/// </summary>
public sealed class AdmissionAudit : IAdmissionAudit
{
    private readonly KeyRegistry registry;
    private readonly bool signatures;

    // The active evaluators between consecutive registry changes: a task's candidates are a lookup, not a fold.
    private readonly DateTimeOffset[] changes;
    private readonly IReadOnlyList<string>[] activeFrom;

    /// <summary>Audits against <paramref name="registry"/>.</summary>
    public AdmissionAudit(KeyRegistry registry, bool signatures)
    {
        ArgumentNullException.ThrowIfNull(registry);
        this.registry = registry;
        this.signatures = signatures;
        changes = [.. registry.Snapshot().SelectMany(e => e.History.Select(h => h.EffectiveAt)).Distinct().Order()];
        activeFrom = [.. changes.Select(registry.ActiveAt)];
    }

    /// <summary>The audit over a store's recorded registry.</summary>
    public static async Task<AdmissionAudit> LoadAsync(IQuerySession session, bool signatures, CancellationToken cancellationToken) =>
        new(await RegistryHistory.LoadAsync(session, cancellationToken).ConfigureAwait(false), signatures);

    /// <summary>The evaluators active at <paramref name="time"/>.</summary>
    public IReadOnlyList<string> ActiveAt(DateTimeOffset time)
    {
        int at = Array.BinarySearch(changes, time);
        int index = at >= 0 ? at : ~at - 1;
        return index < 0 ? [] : activeFrom[index];
    }

    /// <inheritdoc />
    public IEnumerable<AuditMismatch> Check(TaskFinalized task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var facts = task.Facts;
        if (facts.SamplingRule is { } rule)
        {
            if (rule != EvaluatorDraw.Rule || facts.SamplingSeed is null)
            {
                yield return new AuditMismatch(task.TaskId, "sampling_rule", rule, $"a rule this auditor knows ({EvaluatorDraw.Rule}) with a seed");
            }
            else if (SamplingCheck.Mismatch(task.TaskId, facts.SampledEvaluators, ActiveAt(facts.TaskTime), facts.SamplingSeed, facts.TaskTime) is { } mismatch)
            {
                yield return new AuditMismatch(task.TaskId, "sampled_evaluators", string.Join(", ", facts.SampledEvaluators), mismatch);
            }
        }

        if (facts.Escalation is { } escalation)
        {
            foreach (var mismatch in CheckEscalation(facts, escalation))
            {
                yield return mismatch;
            }
        }

        foreach (var score in facts.AcceptedScores)
        {
            if (!signatures || score.Signature is null)
            {
                continue;
            }

            var signed = new ScoreSubmitted(score.ScoreId, task.TaskId, score.EvaluatorId, score.Score, score.LatencyMs, score.SubmittedAt) { Signature = score.Signature };
            var atOpen = registry.Judge(signed, facts.TaskTime);
            if (!atOpen.IsValid && registry.Judge(signed, facts.ClosedAt) is { IsValid: false } atClose)
            {
                yield return new AuditMismatch(task.TaskId, $"signature of {score.EvaluatorId}", "valid when accepted", $"{atClose.Rejection!.ReasonCode}: {atClose.Rejection.Message}");
            }
        }
    }

    private IEnumerable<AuditMismatch> CheckEscalation(TaskFacts facts, TaskEscalation escalation)
    {
        if (escalation.ScoresAtRequest < 2 || escalation.ScoresAtRequest > facts.AcceptedScores.Count)
        {
            yield return new AuditMismatch(facts.TaskId, "escalation scores_at_request", escalation.ScoresAtRequest.ToString(System.Globalization.CultureInfo.InvariantCulture), $"between 2 and the {facts.AcceptedScores.Count} accepted scores");
            yield break;
        }

        double[] seen = [.. facts.AcceptedScores.Take(escalation.ScoresAtRequest).Select(s => s.Score)];
        double dispersion = Settlement.Escalation.EscalationPolicy.Dispersion(seen);
        if (dispersion.CompareTo(escalation.Dispersion) != 0 || !(dispersion > escalation.Threshold))
        {
            yield return new AuditMismatch(facts.TaskId, "escalation dispersion", F($"{escalation.Dispersion:R} > {escalation.Threshold:R}"), F($"the MAD of the first {seen.Length} accepted scores is {dispersion:R}"));
        }

        // The pipeline draws the extra evaluators with the task's seed, or the default one when it did not check the draw.
        string seed = facts.SamplingSeed ?? EvaluatorDraw.DefaultSeed;
        var next = EvaluatorDraw.Next(seed, facts.TaskId, ActiveAt(facts.TaskTime), new HashSet<string>(facts.SampledEvaluators, StringComparer.Ordinal), escalation.Evaluators.Count);
        if (!next.SequenceEqual(escalation.Evaluators, StringComparer.Ordinal))
        {
            yield return new AuditMismatch(facts.TaskId, "escalation evaluators", string.Join(", ", escalation.Evaluators), $"the next {escalation.Evaluators.Count} of the {EvaluatorDraw.Rule} draw (seed '{seed}'): {string.Join(", ", next)}");
        }
    }

    private static string F(FormattableString text) => FormattableString.Invariant(text);
}

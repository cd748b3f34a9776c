using PoQ.Consensus.Windows;
using PoQ.Ingest.Identity.Registry;
using PoQ.Settlement.Escalation;
using PoQ.Settlement.Sampling;

namespace PoQ.Pipeline.Registry;

/// <summary>
/// The pipeline's disagreement escalation: when a window's scores disagree beyond <paramref name="Policy"/>'s threshold
/// (<see cref="EscalationPolicy"/>, the rule the simulation measures), ask the next <see cref="EscalationPolicy.Extra"/>
/// evaluators of the task's public draw (<see cref="EvaluatorDraw.Next"/> over the registry's active evaluators at the
/// task's log time, with <paramref name="Seed"/>), so the extra evaluators are as unchosen as the first k and an
/// auditor recomputes them. A function of the log: the registry is followed in log time.
/// </summary>
/// <param name="Registry">The registry the candidates come from.</param>
/// <param name="Seed">The public seed of the draw.</param>
/// <param name="Policy">Threshold and number of extra evaluators.</param>
public sealed record RegistryEscalation(KeyRegistry Registry, string Seed, EscalationPolicy Policy) : IWindowEscalation
{
    /// <inheritdoc />
    public WindowEscalationDecision? Decide(WindowTask task, DateTimeOffset taskTime, IReadOnlyList<WindowScore> accepted)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(accepted);
        Span<double> scores = accepted.Count <= 64 ? stackalloc double[accepted.Count] : new double[accepted.Count];
        for (int i = 0; i < scores.Length; i++)
        {
            scores[i] = accepted[i].Score;
        }

        if (!Policy.ShouldEscalate(scores))
        {
            return null;
        }

        var extra = EvaluatorDraw.Next(Seed, task.TaskId, Registry.ActiveAt(taskTime), new HashSet<string>(task.Evaluators, StringComparer.Ordinal), Policy.Extra);
        return extra.Length == 0 ? null : new WindowEscalationDecision(extra, EscalationPolicy.Dispersion(scores), Policy.Threshold);
    }
}

using System.Globalization;
using PoQ.Ingest.Contract;
using PoQ.Ingest.Identity.Registry;
using PoQ.Settlement.Sampling;

namespace PoQ.Pipeline.Registry;

/// <summary>
/// Admits a task only when its evaluators are the public draw (<see cref="EvaluatorDraw"/>) from the evaluators the
/// registry holds active at the task's log time, with the deployment's <paramref name="Seed"/>: nobody can pick who
/// scores a task. The same check runs again in <c>poq audit verify</c> from the recorded registry.
/// </summary>
/// <param name="Registry">The registry the candidates come from.</param>
/// <param name="Seed">The public seed of the draw.</param>
public sealed record SamplingCheck(KeyRegistry Registry, string Seed)
{
    /// <summary>Why the task must be refused (<c>sampling_mismatch</c>), or null.</summary>
    public Rejection? Check(TaskSubmitted task, DateTimeOffset logTime)
    {
        ArgumentNullException.ThrowIfNull(task);
        var candidates = Registry.ActiveAt(logTime);
        return Mismatch(task.TaskId, task.Evaluators, candidates, Seed, logTime) is { } error
            ? new Rejection(ReasonCodes.SamplingMismatch, error, "evaluators")
            : null;
    }

    /// <summary>Why <paramref name="listed"/> is not the draw for <paramref name="taskId"/>, or null when it is.</summary>
    public static string? Mismatch(string taskId, IReadOnlyList<string> listed, IReadOnlyList<string> candidates, string seed, DateTimeOffset logTime)
    {
        ArgumentNullException.ThrowIfNull(listed);
        ArgumentNullException.ThrowIfNull(candidates);
        if (EvaluatorDraw.Matches(seed, taskId, candidates, listed))
        {
            return null;
        }

        string time = logTime.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
        string drawn = listed.Count <= candidates.Count ? string.Join(", ", EvaluatorDraw.Draw(seed, taskId, candidates, listed.Count)) : "(more evaluators than are registered)";
        return string.Create(CultureInfo.InvariantCulture, $"evaluators: [{Shown(listed)}] is not the {EvaluatorDraw.Rule} draw (seed '{seed}') of {listed.Count} from the {candidates.Count} evaluators registered at {time}, which is [{drawn}]");
    }

    private static string Shown(IReadOnlyList<string> ids) => ids.Count <= 16 ? string.Join(", ", ids) : string.Join(", ", ids.Take(16)) + ", …";
}

using System.Globalization;

namespace PoQ.Consensus.Windows;

/// <summary>How per-task windows open and close, in log time (record timestamps). Defaults are ours.</summary>
public sealed record WindowOptions
{
    /// <summary>How much log time a window waits for all sampled evaluators after its task's time; default 10 s.</summary>
    public TimeSpan Deadline { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Minimum accepted scores for a consensus at the deadline; default 2.</summary>
    public int Quorum { get; init; } = 2;

    /// <summary>How much log time a score may wait for its task event before it is rejected as unknown; default 10 s.</summary>
    public TimeSpan UnknownTaskWait { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long (log time) a closed task id is remembered, to tell a late score from an unknown task and to refuse a
    /// repeated task id; default 1 h. Older repeats are refused by the store (a task id is recorded once).
    /// </summary>
    public TimeSpan ClosedTaskMemory { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Disagreement escalation: asked when a window would close with a quorum; null (the default) closes every window
    /// as before.
    /// </summary>
    public IWindowEscalation? Escalation { get; init; }

    /// <summary>How much log time an escalated window waits for its extra evaluators after the request; default 10 s.</summary>
    public TimeSpan EscalationDeadline { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Every problem, each naming its option.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Deadline <= TimeSpan.Zero)
        {
            problems.Add(Describe("window_deadline", Deadline, "must be positive"));
        }

        if (UnknownTaskWait < TimeSpan.Zero)
        {
            problems.Add(Describe("unknown_task_wait", UnknownTaskWait, "must not be negative"));
        }

        if (Quorum < 1)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"option 'quorum' = {Quorum}: must be at least 1"));
        }

        if (EscalationDeadline <= TimeSpan.Zero)
        {
            problems.Add(Describe("escalation_deadline", EscalationDeadline, "must be positive"));
        }

        if (ClosedTaskMemory <= TimeSpan.Zero)
        {
            problems.Add(Describe("closed_task_memory", ClosedTaskMemory, "must be positive"));
        }

        return problems;
    }

    private static string Describe(string name, TimeSpan value, string reason) =>
        string.Create(CultureInfo.InvariantCulture, $"option '{name}' = {value}: {reason}");
}

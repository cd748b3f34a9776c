using System.Globalization;
using PoQ.Ingest.Contract;

namespace PoQ.SimulatedFeed.Escalations;

/// <summary>How the simulator's <see cref="EscalationResponder"/> reads requests and what it remembers. Defaults are ours.</summary>
public sealed class EscalationResponderOptions
{
    /// <summary>The responder's default consumer group.</summary>
    public const string DefaultGroup = "poq-simulator-escalations";

    /// <summary>Topic names: requests are read from <c>Escalations</c>, answers published to <c>Scores</c>.</summary>
    public TopicNames Topics { get; init; } = TopicNames.Default;

    /// <summary>
    /// The responder's own consumer group, apart from the pipeline's: its committed offsets let the next
    /// <c>poq simulate</c> carry on after the requests this one read instead of reading them all again.
    /// </summary>
    public string Group { get; init; } = DefaultGroup;

    /// <summary>
    /// Tasks remembered (the latest published), and as many answered requests; default 100,000 — at the simulator's 100
    /// tasks per second of log time, over 16 minutes, while a request comes within a window's deadline of its task.
    /// </summary>
    public int RememberedTasks { get; init; } = 100_000;

    /// <summary>How long one poll of <c>poq.escalations</c> waits before the responder looks at its stop signal; default 100 ms.</summary>
    public TimeSpan PollTimeout { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Every problem, naming the option.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Topics is null || string.IsNullOrWhiteSpace(Topics.Escalations) || string.IsNullOrWhiteSpace(Topics.Scores))
        {
            problems.Add("topics: the escalations and scores topics must be named");
        }

        if (string.IsNullOrWhiteSpace(Group))
        {
            problems.Add("group: must not be empty");
        }

        if (RememberedTasks < 1)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"remembered_tasks = {RememberedTasks}: must be at least 1"));
        }

        if (PollTimeout <= TimeSpan.Zero || PollTimeout > TimeSpan.FromSeconds(10))
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"poll_timeout = {PollTimeout.TotalMilliseconds} ms: must be within (0, 10 s]"));
        }

        return problems;
    }
}

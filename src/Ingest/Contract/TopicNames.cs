namespace PoQ.Ingest.Contract;

/// <summary>
/// The topic names of the wire contract (v1, and v2's registry and escalations) (design.md, "Wire contract (v1)"): a contract, so the defaults are the only
/// place these strings are written. Every message is keyed by task id; a deployment may rename topics (tests and the
/// latency bench do) without changing the contract's shape.
/// </summary>
public sealed record TopicNames
{
    /// <summary>Inference results to be scored.</summary>
    public string Tasks { get; init; } = "poq.tasks";

    /// <summary>Evaluator scores; co-partitioned with <see cref="Tasks"/> so a task and its scores meet in one partition.</summary>
    public string Scores { get; init; } = "poq.scores";

    /// <summary>One consensus per closed task window.</summary>
    public string Consensus { get; init; } = "poq.consensus";

    /// <summary>Cost-aware rewards.</summary>
    public string Rewards { get; init; } = "poq.rewards";

    /// <summary>Rejected input with a reason code and its source topic/partition/offset.</summary>
    public string DeadLetter { get; init; } = "poq.deadletter";

    /// <summary>
    /// The evaluator registry (wire contract v2): register, rotate and revoke records keyed by evaluator id. Every
    /// instance reads all of it; a change takes effect at its record's log time.
    /// </summary>
    public string Registry { get; init; } = "poq.registry";

    /// <summary>
    /// Disagreement escalations: a task whose scores disagree beyond the threshold asks the next evaluators of its draw
    /// for scores here (<see cref="EscalationRequest"/>); co-partitioned with <see cref="Tasks"/>, keyed by task id.
    /// </summary>
    public string Escalations { get; init; } = "poq.escalations";

    /// <summary>All seven topics, inputs first.</summary>
    public IReadOnlyList<string> All => [Tasks, Scores, Consensus, Rewards, DeadLetter, Registry, Escalations];

    /// <summary>The contract's names.</summary>
    public static TopicNames Default { get; } = new();
}

namespace PoQ.Pipeline;

/// <summary>The topic names of the wire contract v1 (a contract: keep them exact).</summary>
public sealed record TopicNames
{
    /// <summary>Task events in.</summary>
    public string Tasks { get; init; } = "poq.tasks";

    /// <summary>Score events in.</summary>
    public string Scores { get; init; } = "poq.scores";

    /// <summary>Consensus out.</summary>
    public string Consensus { get; init; } = "poq.consensus";

    /// <summary>Rewards out.</summary>
    public string Rewards { get; init; } = "poq.rewards";

    /// <summary>Dead letters out.</summary>
    public string DeadLetter { get; init; } = "poq.deadletter";

    /// <summary>The default names.</summary>
    public static TopicNames Default { get; } = new();
}

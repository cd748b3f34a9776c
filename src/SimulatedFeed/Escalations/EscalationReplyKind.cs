namespace PoQ.SimulatedFeed.Escalations;

/// <summary>What the simulator does with one record of <c>poq.escalations</c>.</summary>
public enum EscalationReplyKind
{
    /// <summary>Publish the reply's scores.</summary>
    Answer,

    /// <summary>Already answered (same escalation id): nothing, so a re-sent request never yields a second set.</summary>
    Repeat,

    /// <summary>Not an escalation request the contract can read: skipped.</summary>
    Unreadable,

    /// <summary>For a task the simulator did not publish, or published so long ago it forgot it: skipped.</summary>
    UnknownTask,

    /// <summary>Names no evaluator of the simulated pool (only those the simulator can sign for): skipped.</summary>
    NoneOfOurs,
}

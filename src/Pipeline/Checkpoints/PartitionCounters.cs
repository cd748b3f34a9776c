using PoQ.Projections.Model;

namespace PoQ.Pipeline.Checkpoints;

/// <summary>What a partition's owner counts, per commit and in total.</summary>
/// <param name="TasksSettled">Tasks settled with a consensus.</param>
/// <param name="TasksInsufficient">Tasks closed below quorum.</param>
/// <param name="ScoresAccepted">Scores accepted into settled windows.</param>
/// <param name="DeadLetters">Messages dead-lettered.</param>
public sealed record PartitionCounters(long TasksSettled, long TasksInsufficient, long ScoresAccepted, long DeadLetters)
{
    /// <summary>Nothing counted.</summary>
    public static PartitionCounters Zero { get; } = new(0, 0, 0, 0);

    /// <summary>The sum.</summary>
    public static PartitionCounters operator +(PartitionCounters a, PartitionCounters b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return new(a.TasksSettled + b.TasksSettled, a.TasksInsufficient + b.TasksInsufficient, a.ScoresAccepted + b.ScoresAccepted, a.DeadLetters + b.DeadLetters);
    }
}

namespace PoQ.Experiments;

/// <summary>Progress of one stage (e.g. <c>robustness</c>: finished runs of total).</summary>
/// <param name="Stage">Stage name.</param>
/// <param name="Done">Units finished.</param>
/// <param name="Total">Units in the stage.</param>
public readonly record struct ExperimentProgress(string Stage, int Done, int Total);

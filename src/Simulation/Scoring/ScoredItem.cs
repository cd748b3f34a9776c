namespace PoQ.Simulation.Scoring;

/// <summary>One real (or synthetic) task output with its ground-truth proxy.</summary>
/// <param name="Id">Item id.</param>
/// <param name="Kind">Task kind wire name: <c>qa</c> or <c>summarization</c>.</param>
/// <param name="System">The system that produced the output — it plays the inference node.</param>
/// <param name="Proxy">Ground-truth proxy in [0, 10] (never used for rewards).</param>
public sealed record ScoredItem(string Id, string Kind, string System, double Proxy);

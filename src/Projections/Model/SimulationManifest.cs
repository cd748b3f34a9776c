namespace PoQ.Projections.Model;

/// <summary>
/// What a simulator knew and the pipeline never saw: each task's hidden truth and which evaluators were malicious.
/// Written by <c>poq demo</c> beside the recorded history (one document, id <see cref="SingletonId"/>); replay
/// reports use it for "payout to malicious evaluators" and "consensus error vs the truth", and say "unknown" when
/// it is absent (a live network has no manifest).
/// </summary>
public sealed class SimulationManifest
{
    /// <summary>The single document's id.</summary>
    public const string SingletonId = "simulation";

    /// <summary>Always <see cref="SingletonId"/>.</summary>
    public string Id { get; set; } = SingletonId;

    /// <summary>Attack the malicious evaluators ran (e.g. <c>boost</c>).</summary>
    public string Attack { get; set; } = "";

    /// <summary>Malicious fraction ρ of the pool.</summary>
    public double MaliciousRatio { get; set; }

    /// <summary>Seed of the simulated network.</summary>
    public ulong Seed { get; set; }

    /// <summary>Task id → hidden truth (the score an ideal evaluator would give).</summary>
    public Dictionary<string, double> HiddenTruth { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Ids of the evaluators the simulator made malicious.</summary>
    public List<string> MaliciousEvaluators { get; set; } = [];
}

using PoQ.Settlement.Events;

namespace PoQ.Projections.Replay;

/// <summary>What a scenario decided for one task: consensus, verdicts and rewards (the facts stay in the recorded event).</summary>
public sealed class ScenarioTask
{
    /// <summary><c>scenario/taskId</c>.</summary>
    public string Id { get; set; } = "";

    /// <summary>The scenario.</summary>
    public string Scenario { get; set; } = "";

    /// <summary>The task.</summary>
    public string TaskId { get; set; } = "";

    /// <summary>The task's rank in the recorded history's canonical order.</summary>
    public long Sequence { get; set; }

    /// <summary>The inference node.</summary>
    public string InferenceNodeId { get; set; } = "";

    /// <summary><c>reached</c> or <c>insufficient</c>.</summary>
    public string Status { get; set; } = "";

    /// <summary>Consensus; null when insufficient.</summary>
    public double? Consensus { get; set; }

    /// <summary>The inference node's reward.</summary>
    public double InferenceReward { get; set; }

    /// <summary>Per evaluator, ordinal id order.</summary>
    public List<RecordedVerdict> Verdicts { get; set; } = [];

    /// <summary>The id of a task in a scenario.</summary>
    public static string IdOf(string scenario, string taskId) => $"{scenario}/{taskId}";
}

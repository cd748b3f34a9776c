using PoQ.Settlement.Events;

namespace PoQ.Settlement.Detection;

/// <summary>
/// Turns recorded settlements into what detection reads (<see cref="DetectionVerdict"/>), a task at a time, so a streamed
/// history is never held whole: per accepted score, its evaluator, score, latency, the task's consensus and the consensus
/// of the inference node's previous settled task (what a copier would have read). Tasks must come in canonical order
/// (<see cref="TaskOrder"/>): "previous" is the node's previous task in that order, the order every driver settles in.
/// </summary>
public sealed class RecordedVerdicts
{
    private readonly Dictionary<string, double> previousConsensus = new(StringComparer.Ordinal);
    private readonly List<DetectionVerdict> verdicts = [];

    /// <summary>The verdicts so far, in the order their tasks were added.</summary>
    public IReadOnlyList<DetectionVerdict> Verdicts => verdicts;

    /// <summary>Tasks added, settled or not.</summary>
    public long Tasks { get; private set; }

    /// <summary>
    /// Adds the next task. A task without consensus (insufficient scores) adds no verdict and leaves its node's previous
    /// consensus as it was: nothing was published that a copier could read.
    /// </summary>
    public void Add(TaskFinalized task)
    {
        ArgumentNullException.ThrowIfNull(task);
        Tasks++;
        if (task.Settlement.Consensus is not double consensus)
        {
            return;
        }

        var facts = task.Facts;
        double? previous = previousConsensus.TryGetValue(facts.InferenceNodeId, out double p) ? p : null;
        foreach (var score in facts.AcceptedScores)
        {
            verdicts.Add(new DetectionVerdict(facts.TaskId, facts.InferenceNodeId, score.EvaluatorId, score.Score, consensus, score.LatencyMs, previous));
        }

        previousConsensus[facts.InferenceNodeId] = consensus;
    }
}

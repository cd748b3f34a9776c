using PoQ.Consensus.Trust;
using PoQ.Settlement.Events;

namespace PoQ.Projections.Replay;

/// <summary>
/// Sequential trust before the first of a run of recorded tasks, folded a task at a time (so a streamed history needs
/// no second copy): each evaluator's recorded trust before its first verdict in the run — trust changes only through an
/// evaluator's own verdicts. Evaluators with no recorded observation are left out, so they start at the rule's w₀.
/// </summary>
public sealed class StartingTrust
{
    private readonly HashSet<string> seen = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TrustEntry> start = new(StringComparer.Ordinal);

    /// <summary>The trust found so far.</summary>
    public IReadOnlyDictionary<string, TrustEntry> Entries => start;

    /// <summary>Adds the next task of the run.</summary>
    public void Add(TaskFinalized task)
    {
        ArgumentNullException.ThrowIfNull(task);
        foreach (var verdict in task.Settlement.Verdicts)
        {
            if (seen.Add(verdict.EvaluatorId) && verdict.ObservationsBefore > 0)
            {
                start[verdict.EvaluatorId] = new TrustEntry(verdict.TrustBefore, verdict.ObservationsBefore);
            }
        }
    }
}

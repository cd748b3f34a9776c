using PoQ.Simulation.Runs;
using PoQ.Simulation.Statistics;

namespace PoQ.Experiments.Intervals;

/// <summary>
/// A run's alignment with the ground truth — MAE of consensus against proxy — over all tasks and per task type, each
/// with its bootstrap replicates over tasks. Per task type because the proxies differ (token F1 on QA, human scores on
/// summarization) and some evaluators are functions of the QA proxy (<see cref="Reliability.ProxyCircularity"/>).
/// </summary>
/// <param name="Mae">Over all tasks.</param>
/// <param name="MaeByTask">Per task kind wire name.</param>
public sealed record AlignmentEstimates(Estimate Mae, IReadOnlyDictionary<string, Estimate> MaeByTask)
{
    /// <summary>Reduces a run's ledger with the sweep's plan, stratified by task kind.</summary>
    public static AlignmentEstimates Of(AlignmentBootstrap bootstrap, TaskLedger ledger)
    {
        ArgumentNullException.ThrowIfNull(bootstrap);
        ArgumentNullException.ThrowIfNull(ledger);
        var (all, byKind) = bootstrap.For(ledger.Item).Means(ledger.AbsoluteError);
        return new AlignmentEstimates(all, bootstrap.Kinds.Kinds.Select((kind, i) => (kind, i)).ToDictionary(p => p.kind, p => byKind[p.i], StringComparer.Ordinal));
    }

    /// <summary>The MAE on one task kind, or null when the run had none of it.</summary>
    public Estimate? MaeOn(string task) => MaeByTask.TryGetValue(task, out var estimate) ? estimate : null;
}

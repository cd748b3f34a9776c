using PoQ.Consensus.Rules;
using PoQ.Projections.History;
using PoQ.Settlement.Trust;

namespace PoQ.Projections.Replay;

/// <summary>What to replay and how.</summary>
/// <param name="Scenario">Scenario name (written to the scenario schema).</param>
/// <param name="Rule">The rule to replay with (the recorded rewards and quorum are kept).</param>
/// <param name="Range">The close-time range.</param>
/// <param name="Epochs">Another trust epoch (whole history only); null keeps the recorded one.</param>
/// <param name="Against">A scenario to compare with instead of the recorded history.</param>
/// <param name="WatchedTasks">Task ids whose deltas the comparison keeps whatever their shift.</param>
/// <param name="PageSize">Tasks per page read.</param>
public sealed record ReplayRequest(
    string Scenario,
    ConsensusRule Rule,
    ReplayRange Range,
    TrustEpochs? Epochs = null,
    string? Against = null,
    IReadOnlySet<string>? WatchedTasks = null,
    int PageSize = HistoryPages.DefaultPageSize);

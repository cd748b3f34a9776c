using System.Globalization;
using System.Text.RegularExpressions;
using Marten;
using PoQ.Projections.History;
using PoQ.Projections.Ledgers;

namespace PoQ.Projections.Replay;

/// <summary>
/// What <c>poq replay</c> checks before it settles anything, so a bad request costs no replay and writes nothing: the
/// scenario names, whether the scenario may be written, the baseline, and the tasks and nodes to show side by side.
/// Each check answers with the one line to show, or null.
/// </summary>
public static partial class ReplayPreflight
{
    /// <summary>Why <paramref name="name"/> cannot name a scenario; null when it can.</summary>
    public static string? NameProblem(string name) =>
        ScenarioName().IsMatch(name) && name != ScenarioComparison.Recorded
            ? null
            : $"scenario name '{name}': use 1–100 letters, digits, '.', '_' or '-' (and not '{ScenarioComparison.Recorded}')";

    /// <summary>
    /// Why <paramref name="request"/> cannot run against the store (a scenario that exists without <paramref name="replace"/>,
    /// an unknown baseline, a watched task outside the range, a node never paid); null when it can.
    /// </summary>
    public static async Task<string?> ProblemAsync(
        IDocumentStore store, string connectionString, ReplayRequest request, bool replace, IReadOnlyList<string> nodes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(nodes);
        if ((NameProblem(request.Scenario) ?? (request.Against is { } named ? NameProblem(named) : null)) is { } badName)
        {
            return badName;
        }

        if (request.Against == request.Scenario)
        {
            return "--against names the scenario being written; compare with another scenario or leave --against out";
        }

        var existing = await ScenarioStore.FindAsync(store, request.Scenario, cancellationToken).ConfigureAwait(false);
        if (existing is not null && !replace)
        {
            return string.Create(CultureInfo.InvariantCulture, $"scenario '{request.Scenario}' already exists (rule {existing.Rule}, {existing.Tasks:N0} tasks, created {existing.CreatedAt:O}); pass --replace to overwrite it");
        }

        if (request.Against is { } baseline && await ScenarioStore.FindAsync(store, baseline, cancellationToken).ConfigureAwait(false) is null)
        {
            var known = await ScenarioStore.NamesAsync(store, cancellationToken).ConfigureAwait(false);
            return $"unknown scenario '{baseline}': " + (known.Count == 0 ? "no scenario has been written yet" : $"known scenarios: {string.Join(", ", known)}");
        }

        foreach (string task in request.WatchedTasks ?? new HashSet<string>())
        {
            if (await HistoryReader.ReadTaskAsync(connectionString, task, cancellationToken).ConfigureAwait(false) is not { } recorded || !request.Range.Contains(recorded))
            {
                return $"unknown task '{task}': no recorded task with that id in the replayed range";
            }
        }

        foreach (string node in nodes)
        {
            if ((await NodeLedgerTable.ReadAsync(connectionString, node, cancellationToken).ConfigureAwait(false)).Count == 0)
            {
                return $"unknown node '{node}': no inference node or evaluator with that id was paid";
            }
        }

        return null;
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,100}$", RegexOptions.CultureInvariant)]
    private static partial Regex ScenarioName();
}

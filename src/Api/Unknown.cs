using Microsoft.AspNetCore.Http;
using PoQ.Projections.History;

namespace PoQ.Api;

/// <summary>The 404 for an id the store does not know, telling an unknown id apart from a store that holds nothing yet.</summary>
internal static class Unknown
{
    public static async Task<IResult> NotFoundAsync(string kind, string id, AuditStoreConnection connection, CancellationToken cancellationToken) =>
        await HistoryReader.PresenceAsync(connection.ConnectionString, cancellationToken).ConfigureAwait(false) == HistoryPresence.Recorded
            ? Problems.NotFound($"no such {kind}", $"unknown {kind} '{id}'")
            : Problems.NotFound("empty store", $"unknown {kind} '{id}': the event store holds no recorded task");
}

using Marten;
using PoQ.Api.Tests.TestSupport;
using PoQ.Projections.Replay;
using PoQ.Projections.Store;

namespace PoQ.Api.Tests.Scale;

/// <summary>The API over the large store, as <c>poq serve</c> hosts it: with the stored scenario catalog.</summary>
public sealed class LargeHistoryApi : IAsyncDisposable
{
    private readonly IDocumentStore documents;

    private LargeHistoryApi(IDocumentStore documents, ApiHost host)
    {
        this.documents = documents;
        Host = host;
    }

    public ApiHost Host { get; }

    public static async Task<LargeHistoryApi> StartAsync(LargeHistoryFixture history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var documents = PoqStore.Create(history.ConnectionString);
        var host = await ApiHost.StartAsync(history.ConnectionString, new StoredScenarioCatalog(documents, history.ConnectionString));
        return new LargeHistoryApi(documents, host);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        documents.Dispose();
    }
}

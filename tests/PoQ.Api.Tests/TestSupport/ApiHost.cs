using Microsoft.AspNetCore.Builder;
using PoQ.Projections.Queries;

namespace PoQ.Api.Tests.TestSupport;

/// <summary>The audit API started in-process on a free loopback port.</summary>
public sealed class ApiHost : IAsyncDisposable
{
    private readonly WebApplication app;

    private ApiHost(WebApplication app, Uri address)
    {
        this.app = app;
        Address = address;
        Client = new HttpClient { BaseAddress = address };
    }

    public Uri Address { get; }

    public HttpClient Client { get; }

    public static async Task<ApiHost> StartAsync(string connection, IScenarioCatalog? scenarios = null)
    {
        var app = AuditApi.Build(new AuditApiOptions { ConnectionString = connection, Port = 0, Scenarios = scenarios ?? new NoScenarioCatalog() });
        await app.StartAsync();
        return new ApiHost(app, AuditApi.BoundAddress(app));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

using System.Net;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PoQ.Projections.Queries;
using PoQ.Projections.Store;

namespace PoQ.Api;

/// <summary>
/// The read-only audit API (ASP.NET Core minimal API) and the auditor page, bound to 127.0.0.1 only.
/// Errors are RFC 7807 problem bodies (<c>application/problem+json</c>): 404 for unknown ids and routes, 400 for bad
/// parameters, 503 when the event store cannot be read; never a stack trace (the host runs as Production).
/// </summary>
public static class AuditApi
{
    /// <summary>Builds the application; start it with <c>StartAsync</c> and read <see cref="BoundAddress"/>.</summary>
    public static WebApplication Build(AuditApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Problems() is { Count: > 0 } problems)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(options));
        }

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production, Args = [] });
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port));
        builder.Logging.ClearProviders();
        builder.Services.ConfigureHttpJsonOptions(json => AuditJson.Configure(json.SerializerOptions));
        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton<IDocumentStore>(_ => PoqStore.Create(options.ConnectionString));
        builder.Services.AddSingleton(options.Scenarios);
        builder.Services.AddSingleton(new AuditStoreConnection(options.ConnectionString));
        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        AuditEndpoints.Map(app);
        PageEndpoints.Map(app);
        return app;
    }

    /// <summary>The address the started application listens on, e.g. <c>http://127.0.0.1:5080</c>.</summary>
    public static Uri BoundAddress(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>();
        string address = addresses?.Addresses.FirstOrDefault() ?? throw new InvalidOperationException("the API is not started");
        return new Uri(address);
    }
}

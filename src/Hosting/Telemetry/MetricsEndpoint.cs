using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace PoQ.Hosting.Telemetry;

/// <summary>
/// Serves the given System.Diagnostics.Metrics meters in Prometheus text format on
/// <c>http://127.0.0.1:PORT/metrics</c>, through OpenTelemetry's Prometheus exporter. Dispose to stop.
/// </summary>
public sealed class MetricsEndpoint : IDisposable
{
    private readonly MeterProvider provider;

    private MetricsEndpoint(MeterProvider provider, int port)
    {
        this.provider = provider;
        Port = port;
    }

    /// <summary>The port scraped.</summary>
    public int Port { get; }

    /// <summary>The scrape address.</summary>
    public Uri Address => new($"http://127.0.0.1:{Port}/metrics");

    /// <summary>Starts serving <paramref name="meters"/> on <paramref name="port"/>.</summary>
    public static MetricsEndpoint Start(int port, params string[] meters)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65_535);
        var provider = Sdk.CreateMeterProviderBuilder()
            .AddMeter(meters)
            .AddPrometheusHttpListener(options =>
            {
                options.Host = "127.0.0.1";
                options.Port = port;
                options.ScrapeEndpointPath = "/metrics";
                options.ScrapeResponseCacheDurationMilliseconds = 0; // a scrape sees now, not a cached second ago
            })
            .Build();
        return new MetricsEndpoint(provider, port);
    }

    /// <inheritdoc />
    public void Dispose() => provider.Dispose();
}

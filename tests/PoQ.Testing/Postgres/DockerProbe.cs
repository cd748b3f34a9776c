using System.Globalization;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Serialization;

namespace PoQ.Testing.Postgres;

/// <summary>Asks the Docker engine named by <c>DOCKER_HOST</c> (default: the unix socket) for its API version.</summary>
internal static class DockerProbe
{
    private const string DefaultHost = "unix:///var/run/docker.sock";

    /// <summary>
    /// Highest API version the engine speaks, or null when no engine answers within <paramref name="timeout"/>.
    /// Uses the unversioned <c>/version</c> endpoint, which every engine serves.
    /// </summary>
    public static async Task<Version?> TryGetApiVersionAsync(TimeSpan timeout, CancellationToken ct)
    {
        var host = Environment.GetEnvironmentVariable("DOCKER_HOST");
        var endpoint = new Uri(string.IsNullOrWhiteSpace(host) ? DefaultHost : host);
        using var handler = new SocketsHttpHandler();
        Uri baseAddress;
        if (endpoint.Scheme == "unix")
        {
            if (!File.Exists(endpoint.AbsolutePath))
            {
                return null;
            }

            handler.ConnectCallback = async (_, token) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(endpoint.AbsolutePath), token).ConfigureAwait(false);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            };
            baseAddress = new Uri("http://docker/");
        }
        else if (endpoint.Scheme == "tcp")
        {
            baseAddress = new UriBuilder("http", endpoint.Host, endpoint.Port).Uri;
        }
        else
        {
            return null;
        }

        using var client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = timeout };
        try
        {
            var version = await client.GetFromJsonAsync<VersionResponse>("version", ct).ConfigureAwait(false);
            return version?.ApiVersion is { } api && Version.TryParse(api, out var parsed) ? parsed : null;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or SocketException or System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>True when the engine is reached through a unix socket, i.e. it runs on this machine.</summary>
    public static bool IsLocalEngine()
    {
        var host = Environment.GetEnvironmentVariable("DOCKER_HOST");
        return string.IsNullOrWhiteSpace(host) || host.StartsWith("unix://", StringComparison.Ordinal);
    }

    /// <summary>Formats a version as Docker writes it (major.minor).</summary>
    public static string Format(Version version) => string.Create(CultureInfo.InvariantCulture, $"{version.Major}.{version.Minor}");

    private sealed record VersionResponse([property: JsonPropertyName("ApiVersion")] string? ApiVersion);
}

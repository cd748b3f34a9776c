using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace PoQ.Api;

/// <summary>
/// Serves the auditor page from the assembly's embedded <c>wwwroot</c> (static files, no build step): <c>/</c> is
/// <c>index.html</c>, every other file is served at its path under <c>wwwroot</c>. Views are hash routes
/// (<c>#/nodes/ID</c>, …), so a reload or a shared link only ever asks the server for <c>/</c>.
/// </summary>
internal static class PageEndpoints
{
    private const string Root = "wwwroot/";

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
    };

    public static void Map(WebApplication app)
    {
        var assembly = Assembly.GetExecutingAssembly();
        foreach (string resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Root, StringComparison.Ordinal)))
        {
            string contentType = ContentTypes.GetValueOrDefault(Path.GetExtension(resource), "application/octet-stream");
            byte[] content = Read(assembly, resource);
            string path = "/" + resource[Root.Length..];
            app.MapGet(path, () => Results.Bytes(content, contentType));
            if (path == "/index.html")
            {
                app.MapGet("/", () => Results.Bytes(content, contentType));
            }
        }
    }

    private static byte[] Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"embedded resource {resource} is missing from the build");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}

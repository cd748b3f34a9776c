using System.Globalization;
using PoQ.Projections.Queries;

namespace PoQ.Api;

/// <summary>
/// Parses the query parameters the endpoints share. Each is taken as text and parsed here (not bound as <c>int</c> by
/// ASP.NET) so a bad value is answered with a problem naming the parameter and the value, like every other 400.
/// </summary>
internal static class QueryParameters
{
    /// <summary>A count within [1, <paramref name="max"/>]; <paramref name="fallback"/> when absent.</summary>
    public static (int Value, string? Problem) Count(string name, string? text, int fallback, int max)
    {
        if (string.IsNullOrEmpty(text))
        {
            return (fallback, null);
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value)
            ? (value, AuditLimits.CountProblem(name, value, max))
            : (fallback, $"{name} = '{text}': not an integer");
    }

    /// <summary>
    /// A cursor as given, or null for the first page. An empty value is the first page too: a client that writes
    /// <c>cursor=</c> for "no cursor" gets what it means rather than a 400.
    /// </summary>
    public static string? Cursor(string? text) => string.IsNullOrEmpty(text) ? null : text;
}

using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace PoQ.Projections.Queries;

/// <summary>
/// A keyset cursor: the (close time, task id, role) of the last row a page returned, as an opaque URL-safe token. The
/// next page starts strictly after it, so pages stay stable while new payouts arrive and cost one index seek each.
/// </summary>
/// <param name="ClosedAt">Close time of the last row returned.</param>
/// <param name="TaskId">Its task id.</param>
/// <param name="Role">Its role.</param>
public sealed record HistoryCursor(DateTimeOffset ClosedAt, string TaskId, string Role)
{
    /// <summary>The token.</summary>
    public string Encode() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{ClosedAt.UtcTicks}\n{TaskId}\n{Role}")));

    /// <summary>Parses a token; null with the reason when it is not one this query issued.</summary>
    public static (HistoryCursor? Cursor, string? Problem) Decode(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        const string Problem = "cursor: not a cursor this query returned (pass next_cursor from the previous page unchanged)";
        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token)).Split('\n');
            return parts.Length == 3 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out long ticks) && ticks <= DateTimeOffset.MaxValue.UtcTicks
                ? (new HistoryCursor(new DateTimeOffset(ticks, TimeSpan.Zero), parts[1], parts[2]), null)
                : (null, Problem);
        }
        catch (FormatException)
        {
            return (null, Problem);
        }
    }
}

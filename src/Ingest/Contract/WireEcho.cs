using System.Text;

namespace PoQ.Ingest.Contract;

/// <summary>
/// Producer-supplied text quoted back in an error or kept beside a refused record: control characters escaped as
/// <c>\uXXXX</c> — PostgreSQL's text and jsonb cannot hold NUL (a dead letter that cannot be stored would stop the
/// stream on every restart), and a terminal should not receive escape sequences from a producer.
/// </summary>
public static class WireEcho
{
    /// <summary>Characters quoted in an error message.</summary>
    public const int QuotedLength = 64;

    /// <summary>The first <see cref="QuotedLength"/> characters, escaped, with an ellipsis when longer: for error messages.</summary>
    public static string Quoted(string? value)
    {
        value ??= "";
        string shown = Escaped(value.Length > QuotedLength ? value[..QuotedLength] : value);
        return value.Length > QuotedLength ? shown + "…" : shown;
    }

    /// <summary>The whole value, escaped (unchanged when it holds no control character).</summary>
    public static string Escaped(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!value.Any(char.IsControl))
        {
            return value;
        }

        var shown = new StringBuilder(value.Length + 8);
        foreach (char c in value)
        {
            shown.Append(char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString());
        }

        return shown.ToString();
    }
}

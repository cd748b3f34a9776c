using System.Globalization;
using System.Text;

namespace PoQ.Experiments.Output;

/// <summary>
/// CSV is a contract: invariant culture, round-trip numbers, empty cell for NaN, LF line ends, UTF-8 without BOM,
/// RFC 4180 quoting for text that needs it.
/// </summary>
internal static class Csv
{
    public static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static string Number(double value) => double.IsNaN(value) ? string.Empty : value.ToString("R", CultureInfo.InvariantCulture);

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Bool(bool value) => value ? "true" : "false";

    public static string Text(string value) =>
        value.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    public static string Build(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var text = new StringBuilder();
        text.Append(string.Join(',', header)).Append('\n');
        foreach (var row in rows)
        {
            if (row.Count != header.Count)
            {
                throw new InvalidOperationException("a CSV row must have one cell per column");
            }

            text.Append(string.Join(',', row)).Append('\n');
        }

        return text.ToString();
    }
}

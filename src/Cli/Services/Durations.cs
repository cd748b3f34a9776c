using System.Globalization;

namespace PoQ.Cli.Services;

/// <summary>Parses durations given on the command line: <c>0</c>, <c>250ms</c>, <c>2s</c>, <c>1.5m</c>, <c>1h</c>; a bare number is seconds.</summary>
internal static class Durations
{
    /// <summary>
    /// <paramref name="value"/> as <see cref="Parse"/> reads it, in the largest whole unit (<c>0</c>, <c>200ms</c>,
    /// <c>2s</c>, <c>5m</c>, <c>1h</c>): how an options type's default is shown as a command-line default.
    /// </summary>
    public static string Format(TimeSpan value)
    {
        long ms = (long)value.TotalMilliseconds;
        return ms switch
        {
            0 => "0",
            _ when ms % 3_600_000 == 0 => string.Create(CultureInfo.InvariantCulture, $"{ms / 3_600_000}h"),
            _ when ms % 60_000 == 0 => string.Create(CultureInfo.InvariantCulture, $"{ms / 60_000}m"),
            _ when ms % 1_000 == 0 => string.Create(CultureInfo.InvariantCulture, $"{ms / 1_000}s"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{ms}ms"),
        };
    }

    /// <summary>The duration, or the reason it is not one (naming the option).</summary>
    public static (TimeSpan? Value, string? Error) Parse(string option, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, $"{option}: a duration is required (e.g. 2s, 500ms, 0)");
        }

        string t = text.Trim();
        (string number, double unitMs) = t switch
        {
            _ when t.EndsWith("ms", StringComparison.OrdinalIgnoreCase) => (t[..^2], 1.0),
            _ when t.EndsWith('s') => (t[..^1], 1_000.0),
            _ when t.EndsWith('m') => (t[..^1], 60_000.0),
            _ when t.EndsWith('h') => (t[..^1], 3_600_000.0),
            _ => (t, 1_000.0),
        };
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value) || value < 0)
        {
            return (null, $"{option} = '{text}': not a duration (e.g. 2s, 500ms, 0)");
        }

        double ms = value * unitMs;
        return ms == Math.Floor(ms) && ms <= TimeSpan.MaxValue.TotalMilliseconds / 2
            ? (TimeSpan.FromMilliseconds(ms), null)
            : (null, $"{option} = '{text}': must be a whole number of milliseconds");
    }
}

using System.Globalization;
using PoQ.Testing;

namespace PoQ.Faults.Tests;

/// <summary>One scrape of a Prometheus text endpoint: samples by metric name (labels ignored, values summed).</summary>
public sealed class PrometheusScrape
{
    private readonly Dictionary<string, double> sums = new(StringComparer.Ordinal);

    private PrometheusScrape(string text)
    {
        Text = text;
        foreach (string line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (line.StartsWith('#'))
            {
                continue;
            }

            int nameEnd = line.IndexOfAny(['{', ' ']);
            int valueStart = line.LastIndexOf('}') is var brace and >= 0 ? brace + 1 : nameEnd;
            var rest = line[valueStart..].Trim().Split(' ');
            if (nameEnd > 0 && double.TryParse(rest[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            {
                sums[line[..nameEnd]] = sums.GetValueOrDefault(line[..nameEnd]) + value;
            }
        }
    }

    /// <summary>The scraped text (for failure messages).</summary>
    public string Text { get; }

    /// <summary>The sum of every sample of <paramref name="name"/>; 0 when absent.</summary>
    public double Sum(string name) => sums.GetValueOrDefault(name);

    /// <summary>Scrapes http://127.0.0.1:<paramref name="port"/>/metrics.</summary>
    public static async Task<PrometheusScrape> ReadAsync(int port)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        return new PrometheusScrape(await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/metrics")));
    }

    /// <summary>
    /// Scrapes until <paramref name="ready"/> holds or <paramref name="timeout"/> passes; returns the
    /// last scrape either way, for the caller's assertions (a loaded machine may take longer than a fixed pause).
    /// </summary>
    public static async Task<PrometheusScrape> WaitUntilAsync(int port, Func<PrometheusScrape, bool> ready, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(ready);
        PrometheusScrape? last = null;
        await Eventually.TrueAsync(async () => ready(last = await ReadAsync(port)), timeout);
        return last!;
    }
}

using System.Globalization;

namespace PoQ.Hosting.Kafka;

/// <summary>
/// The fault-injection commands of <c>poq broker --control-port</c>, one per line, applied to an embedded broker
/// through the mock cluster's own API. Pure parsing plus one call each; the answer is one line starting with
/// <c>ok</c> or <c>error:</c>.
/// <list type="bullet">
/// <item><c>down [ID|all]</c> — broker ID (default all) drops its connections and refuses new ones.</item>
/// <item><c>up [ID|all]</c> — accepts connections again.</item>
/// <item><c>errors API_KEY ERROR_CODE [COUNT]</c> — the next COUNT (default 1) requests of that API fail with that code.</item>
/// </list>
/// </summary>
public static class BrokerControl
{
    /// <summary>Applies one command line to <paramref name="broker"/> and returns the answer line.</summary>
    public static string Apply(EmbeddedKafkaBroker broker, string line)
    {
        ArgumentNullException.ThrowIfNull(broker);
        var words = (line ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 0)
        {
            return "error: empty command; expected down [ID|all], up [ID|all] or errors API_KEY ERROR_CODE [COUNT]";
        }

        try
        {
            switch (words[0].ToLowerInvariant())
            {
                case "down" or "up":
                    var ids = Brokers(broker, words.Length > 1 ? words[1] : "all");
                    foreach (int id in ids)
                    {
                        if (words[0].Equals("down", StringComparison.OrdinalIgnoreCase))
                        {
                            broker.SetBrokerDown(id);
                        }
                        else
                        {
                            broker.SetBrokerUp(id);
                        }
                    }

                    return $"ok {words[0].ToLowerInvariant()} {string.Join(",", ids)}";
                case "errors" when words.Length is 3 or 4:
                    short apiKey = short.Parse(words[1], NumberStyles.None, CultureInfo.InvariantCulture);
                    int code = int.Parse(words[2], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
                    int count = words.Length == 4 ? int.Parse(words[3], NumberStyles.None, CultureInfo.InvariantCulture) : 1;
                    if (count is < 1 or > 100_000)
                    {
                        return $"error: COUNT = {count}: must be within [1, 100000]";
                    }

                    broker.PushRequestErrors(apiKey, code, count);
                    return string.Create(CultureInfo.InvariantCulture, $"ok errors api {apiKey} code {code} × {count}");
                default:
                    return $"error: unknown command '{line}'; expected down [ID|all], up [ID|all] or errors API_KEY ERROR_CODE [COUNT]";
            }
        }
        catch (Exception wrong) when (wrong is FormatException or OverflowException or ArgumentException or InvalidOperationException)
        {
            // One answer line per command, whatever the exception's message looks like.
            return "error: " + string.Join("; ", wrong.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }
    }

    private static int[] Brokers(EmbeddedKafkaBroker broker, string which)
    {
        if (which.Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            return [.. Enumerable.Range(1, broker.BrokerCount)];
        }

        int id = int.Parse(which, NumberStyles.None, CultureInfo.InvariantCulture);
        return id >= 1 && id <= broker.BrokerCount
            ? [id]
            : throw new ArgumentException($"broker {id} does not exist (ids 1..{broker.BrokerCount})");
    }
}

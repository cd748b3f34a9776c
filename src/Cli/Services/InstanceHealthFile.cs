using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using PoQ.Pipeline.Resilience;

namespace PoQ.Cli.Services;

/// <summary>
/// What a running <c>poq run</c> says about its dependencies, in <c>$POQ_HOME/health/INSTANCE.json</c>: written when an
/// outage starts or ends, removed at exit. <c>poq status</c> reads it, because during a database outage the database —
/// where status otherwise lives — cannot answer.
/// </summary>
internal sealed record InstanceHealthFile(
    [property: JsonPropertyName("instance")] string Instance,
    [property: JsonPropertyName("group")] string Group,
    [property: JsonPropertyName("pid")] int Pid,
    [property: JsonPropertyName("database_unavailable_since")] DateTimeOffset? DatabaseUnavailableSince,
    [property: JsonPropertyName("database_last_error")] string? DatabaseLastError,
    [property: JsonPropertyName("broker_unavailable_since")] DateTimeOffset? BrokerUnavailableSince,
    [property: JsonPropertyName("max_outage_seconds")] double MaxOutageSeconds,
    [property: JsonPropertyName("updated_at")] DateTimeOffset UpdatedAt)
{
    // Outages start and end on whichever lane noticed, so two lanes can report at once: one writer at a time, and the
    // health is read inside the lock, so the file left last holds the latest state.
    private static readonly Lock Writing = new();

    private static string Directory => Path.Combine(PoqHome.Path, "health");

    /// <summary>Writes the instance's current health into <paramref name="directory"/> (atomically: a reader never sees half a file).</summary>
    internal static void WriteTo(string directory, string instance, string group, PipelineHealth health)
    {
        ArgumentNullException.ThrowIfNull(health);
        lock (Writing)
        {
            var file = new InstanceHealthFile(
                instance, group, Environment.ProcessId, health.Database.UnavailableSince, health.Database.LastError, health.Broker.UnavailableSince, health.Database.Budget.TotalSeconds, DateTimeOffset.UtcNow);
            System.IO.Directory.CreateDirectory(directory);
            string path = PathOf(directory, instance);
            string temporary = $"{path}.{Environment.ProcessId}.tmp";
            File.WriteAllText(temporary, JsonSerializer.Serialize(file));
            File.Move(temporary, path, overwrite: true);
        }
    }

    /// <summary>
    /// Writes the instance's health, or returns why it could not: the file is a report for <c>poq status</c>, and a full
    /// disk or a removed directory must not stop the pipeline it reports on.
    /// </summary>
    public static string? TryWrite(string instance, string group, PipelineHealth health)
    {
        try
        {
            WriteTo(Directory, instance, group, health);
            return null;
        }
        catch (Exception failed) when (failed is IOException or UnauthorizedAccessException)
        {
            return failed.Message;
        }
    }

    /// <summary>Removes the instance's file (clean exit).</summary>
    public static void Remove(string instance)
    {
        string path = PathOf(Directory, instance);
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    /// <summary>The files of instances still running.</summary>
    public static IReadOnlyList<InstanceHealthFile> Running() => RunningIn(Directory);

    /// <summary>The files in <paramref name="directory"/> of instances still running.</summary>
    internal static IReadOnlyList<InstanceHealthFile> RunningIn(string directory)
    {
        if (!System.IO.Directory.Exists(directory))
        {
            return [];
        }

        var running = new List<InstanceHealthFile>();
        foreach (string path in System.IO.Directory.EnumerateFiles(directory, "*.json"))
        {
            try
            {
                if (JsonSerializer.Deserialize<InstanceHealthFile>(File.ReadAllText(path)) is { } file && IsAlive(file.Pid))
                {
                    running.Add(file);
                }
            }
            catch (Exception unreadable) when (unreadable is IOException or JsonException)
            {
                // Being replaced or left by a killed writer: skip it.
            }
        }

        return running;
    }

    private static string PathOf(string directory, string instance) =>
        Path.Combine(directory, string.Concat(instance.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_')) + ".json");

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}

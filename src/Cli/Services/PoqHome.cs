namespace PoQ.Cli.Services;

/// <summary>Where PoQ keeps its state: <c>$POQ_HOME</c>, default <c>~/.poq</c>.</summary>
internal static class PoqHome
{
    public static string Path
    {
        get
        {
            string? configured = Environment.GetEnvironmentVariable("POQ_HOME");
            return string.IsNullOrWhiteSpace(configured)
                ? System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".poq")
                : configured;
        }
    }

    /// <summary>The file where a running embedded broker leaves its bootstrap address for other commands.</summary>
    public static string BrokerFile => System.IO.Path.Combine(Path, "kafka.bootstrap");

    public static void RememberBroker(string bootstrap)
    {
        Directory.CreateDirectory(Path);
        File.WriteAllText(BrokerFile, bootstrap);
    }

    public static void ForgetBroker(string bootstrap)
    {
        if (File.Exists(BrokerFile) && File.ReadAllText(BrokerFile).Trim() == bootstrap)
        {
            File.Delete(BrokerFile);
        }
    }

    public static string? RememberedBroker() => File.Exists(BrokerFile) ? File.ReadAllText(BrokerFile).Trim() : null;

    /// <summary>The file naming the database of the local PostgreSQL that <c>poq run</c> or <c>poq demo</c> last recorded into.</summary>
    public static string StoreFile => System.IO.Path.Combine(Path, "store");

    /// <summary>The database <c>poq run</c> records into when none is named.</summary>
    public const string RunDatabase = "poq";

    /// <summary>The database <c>poq demo</c> records into: its own, so a demo never mixes with a real run.</summary>
    public const string DemoDatabase = "poq_demo";

    /// <summary>The database readers use when none is named: the last one recorded into locally, else <see cref="RunDatabase"/>.</summary>
    public static string DefaultDatabase
    {
        get
        {
            string? remembered = File.Exists(StoreFile) ? File.ReadAllText(StoreFile).Trim() : null;
            return string.IsNullOrEmpty(remembered) ? RunDatabase : remembered;
        }
    }

    /// <summary>Remembers the local database a writer records into, so that status, audit, replay and serve find it without flags.</summary>
    public static void RememberStore(string database)
    {
        Directory.CreateDirectory(Path);
        File.WriteAllText(StoreFile, database + "\n");
    }
}

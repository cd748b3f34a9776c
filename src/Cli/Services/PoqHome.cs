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
}

using System.Reflection;
using System.Runtime.InteropServices;
using Confluent.Kafka;

namespace PoQ.Hosting.Kafka;

/// <summary>
/// Binds every use of librdkafka in the process — Confluent.Kafka's and the embedded broker's P/Invokes — to
/// the build Confluent.Kafka ships (<c>centos8-librdkafka.so</c> from librdkafka.redist), loaded once.
/// </summary>
/// <remarks>
/// Why (environment.md, "Kafka"): the package's plain <c>librdkafka.so</c> needs libsasl2.so.3, which Debian 12
/// lacks; when Debian's own librdkafka (2.0.2, pulled in by kcat) is installed, Confluent silently binds to it;
/// and <c>Confluent.Kafka.Library.Load(path)</c> fails here (it looks for "libdl"). Loading the centos8 build with
/// <see cref="NativeLibrary.Load(string)"/> and answering "librdkafka" (and Confluent's alternative names
/// "centos8-librdkafka", "alpine-librdkafka") with that handle from a DllImport resolver on both assemblies works.
/// Call <see cref="EnsureLoaded"/> before the first Confluent client, <see cref="Library"/> call or
/// <see cref="EmbeddedKafkaBroker"/>; <see cref="KafkaClientDefaults"/> and the broker do it themselves.
/// Set <c>POQ_LIBRDKAFKA</c> to a file path to load another build. On other platforms than Linux x64 nothing is
/// installed and the runtime's default probing applies.
/// </remarks>
public static class NativeKafka
{
    /// <summary>Environment variable naming a librdkafka file to load instead of the bundled centos8 build.</summary>
    public const string PathVariable = "POQ_LIBRDKAFKA";

    /// <summary>The librdkafka version Confluent.Kafka 2.16.0 ships; anything else means the wrong library was bound.</summary>
    public const string ExpectedVersion = "2.16.0";

    private const string BundledFileName = "centos8-librdkafka.so";

    private static readonly Lock Gate = new();
    private static IntPtr handle;

    /// <summary>The file loaded, or <see langword="null"/> before <see cref="EnsureLoaded"/> or off Linux x64.</summary>
    public static string? LoadedPath { get; private set; }

    /// <summary>
    /// Loads librdkafka and installs the resolvers, once per process; later calls return at once.
    /// Throws <see cref="DllNotFoundException"/> naming every path tried when no file is found.
    /// </summary>
    public static void EnsureLoaded()
    {
        if (Volatile.Read(ref handle) != IntPtr.Zero || !IsLinuxX64)
        {
            return;
        }

        lock (Gate)
        {
            if (handle != IntPtr.Zero)
            {
                return;
            }

            var candidates = Candidates().Distinct(StringComparer.Ordinal).ToList();
            string? path = candidates.FirstOrDefault(File.Exists)
                ?? throw new DllNotFoundException(
                    $"librdkafka ({BundledFileName} from the librdkafka.redist package) was not found; tried: {string.Join(", ", candidates)}. Set {PathVariable} to its path.");
            IntPtr loaded = NativeLibrary.Load(path);
            NativeLibrary.SetDllImportResolver(typeof(NativeKafka).Assembly, Resolve);
            NativeLibrary.SetDllImportResolver(typeof(Library).Assembly, Resolve);
            LoadedPath = path;
            Volatile.Write(ref handle, loaded);
        }
    }

    /// <summary>librdkafka's version as Confluent.Kafka sees it (after <see cref="EnsureLoaded"/>), e.g. "2.16.0".</summary>
    public static string VersionString
    {
        get
        {
            EnsureLoaded();
            return Library.VersionString;
        }
    }

    private static bool IsLinuxX64 => OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64;

    private static IEnumerable<string> Candidates()
    {
        if (Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } overridden)
        {
            yield return overridden;
        }

        // Without a RuntimeIdentifier the build copies runtimes/<rid>/native/ next to the app; with one
        // (dotnet publish -r linux-x64) the natives land flat in the output directory.
        foreach (string directory in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(typeof(Library).Assembly.Location) ?? string.Empty })
        {
            yield return Path.Combine(directory, "runtimes", "linux-x64", "native", BundledFileName);
            yield return Path.Combine(directory, BundledFileName);
        }
    }

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) =>
        libraryName.Contains("rdkafka", StringComparison.Ordinal) ? Volatile.Read(ref handle) : IntPtr.Zero;
}

namespace PoQ.Testing;

/// <summary>
/// A machine-wide lock (an exclusive lock on a file in the temp directory) for the few test fixtures that load both
/// cores for a minute or more. `dotnet test PoQ.sln` runs test projects in parallel; the three-way determinism run
/// holds only while its child pipelines read the log faster than the idle wait (README, "Time and trust"), and building
/// a 100k-task store next to it on a 2-core machine pushed fetches past that bound. Holders run one after the other.
/// </summary>
public sealed class HeavyTestGate : IDisposable
{
    private static readonly string LockPath = Path.Combine(Path.GetTempPath(), "poq-heavy-tests.lock");
    private readonly FileStream handle;

    private HeavyTestGate(FileStream handle) => this.handle = handle;

    /// <summary>Waits (up to <paramref name="timeout"/>) until no other heavy fixture on this machine holds the gate.</summary>
    public static async Task<HeavyTestGate> EnterAsync(TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            try
            {
                return new HeavyTestGate(new FileStream(LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (DateTimeOffset.UtcNow < deadline)
            {
                await Task.Delay(250);
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => handle.Dispose();
}

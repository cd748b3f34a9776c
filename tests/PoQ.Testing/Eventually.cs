using System.Diagnostics;

namespace PoQ.Testing;

/// <summary>Polling with a deadline, for conditions only the system under test can make true.</summary>
public static class Eventually
{
    /// <summary>Polls <paramref name="condition"/> every 100 ms; false when <paramref name="timeout"/> passes first.</summary>
    public static async Task<bool> TrueAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(100);
        }

        return await condition();
    }

    /// <summary>Synchronous-condition overload.</summary>
    public static Task<bool> TrueAsync(Func<bool> condition, TimeSpan timeout) => TrueAsync(() => Task.FromResult(condition()), timeout);
}

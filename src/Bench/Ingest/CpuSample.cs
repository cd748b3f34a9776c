using System.Globalization;

namespace PoQ.Bench.Ingest;

/// <summary>
/// Cumulative CPU seconds at one instant: this process, one PostgreSQL server (its postmaster and every child),
/// and the whole machine. Two samples bracket a phase. Linux only (/proc); elsewhere the non-process figures are NaN.
/// </summary>
/// <param name="Process">This process (user + system).</param>
/// <param name="Postgres">The server: postmaster incl. reaped children, plus live children (user + system).</param>
/// <param name="Machine">All CPUs, non-idle time.</param>
public readonly record struct CpuSample(double Process, double Postgres, double Machine)
{
    // USER_HZ is 100 on every Linux this runs on (sysconf(_SC_CLK_TCK)); /proc reports in those ticks.
    private const double TicksPerSecond = 100;

    /// <summary>Samples now; <paramref name="postmasterPid"/> 0 leaves PostgreSQL out (remote server).</summary>
    public static CpuSample Take(int postmasterPid)
    {
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        return new CpuSample(self.TotalProcessorTime.TotalSeconds, PostgresSeconds(postmasterPid), MachineSeconds());
    }

    /// <summary>Difference of two samples.</summary>
    public static CpuSample operator -(CpuSample after, CpuSample before) =>
        new(after.Process - before.Process, after.Postgres - before.Postgres, after.Machine - before.Machine);

    private static double MachineSeconds()
    {
        try
        {
            // cpu  user nice system idle iowait irq softirq steal ...
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            long busy = 0;
            foreach (int i in new[] { 1, 2, 3, 6, 7, 8 })
            {
                busy += long.Parse(fields[i], CultureInfo.InvariantCulture);
            }

            return busy / TicksPerSecond;
        }
        catch (IOException)
        {
            return double.NaN;
        }
        catch (UnauthorizedAccessException)
        {
            return double.NaN;
        }
    }

    private static double PostgresSeconds(int postmasterPid)
    {
        if (postmasterPid <= 0 || !OperatingSystem.IsLinux())
        {
            return double.NaN;
        }

        long ticks = 0;
        foreach (string directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out int pid))
            {
                continue;
            }

            var stat = Stat(pid);
            if (stat is null)
            {
                continue;
            }

            // Fields after "(comm)": state ppid ... utime(14) stime(15) cutime(16) cstime(17), 1-based over the whole line.
            int ppid = int.Parse(stat[1], CultureInfo.InvariantCulture);
            if (pid == postmasterPid)
            {
                ticks += long.Parse(stat[11], CultureInfo.InvariantCulture) + long.Parse(stat[12], CultureInfo.InvariantCulture)
                    + long.Parse(stat[13], CultureInfo.InvariantCulture) + long.Parse(stat[14], CultureInfo.InvariantCulture);
            }
            else if (ppid == postmasterPid)
            {
                ticks += long.Parse(stat[11], CultureInfo.InvariantCulture) + long.Parse(stat[12], CultureInfo.InvariantCulture);
            }
        }

        return ticks / TicksPerSecond;
    }

    /// <summary>The fields of /proc/PID/stat after the command name, or null when the process is gone.</summary>
    private static string[]? Stat(int pid)
    {
        try
        {
            string line = File.ReadAllText($"/proc/{pid}/stat");
            int close = line.LastIndexOf(')');
            return close < 0 ? null : line[(close + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}

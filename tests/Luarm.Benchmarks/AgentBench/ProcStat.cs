using System.Globalization;

namespace Luarm.Benchmarks.AgentBench;

/// <summary>What the kernel says a process has used: CPU from /proc/PID/stat, resident memory from /proc/PID/status.</summary>
public static class ProcStat
{
    /// <summary>USER_HZ: utime and stime are in clock ticks of 1/100 s on Linux.</summary>
    private const double TicksPerSecond = 100;

    /// <summary>User plus system CPU seconds of <paramref name="pid"/> (its threads included).</summary>
    public static double CpuSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // The command name in parentheses may hold spaces: fields are counted after its closing parenthesis.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
    }

    public static long ResidentBytes(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }
}

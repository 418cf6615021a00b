using System.Diagnostics;

namespace Luarm.Benchmarks.AgentBench;

/// <summary>How far a recorder got: the count when it stopped growing, when it last grew (from the workload's start) and its CPU then.</summary>
public sealed record Settled(int Count, TimeSpan LastGrowth, double CpuSeconds);

/// <summary>Waits for a recorder to catch up with a workload: until it has every event, or nothing new came for a while.</summary>
public static class Settle
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    /// <summary>Quiet long enough that a batch still in the agent's queue or auditd's buffer would have landed.</summary>
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(6);

    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);

    /// <param name="since">Started when the workload started.</param>
    public static async Task<Settled> WaitAsync(Func<Task<int>> count, int expected, Func<double> cpuSeconds, Stopwatch since)
    {
        var last = -1;
        var growth = since.Elapsed;
        var cpu = cpuSeconds();
        while (true)
        {
            var now = await count();
            if (now > last)
            {
                (last, growth, cpu) = (now, since.Elapsed, cpuSeconds());
            }
            if (now >= expected || since.Elapsed - growth > Quiet || since.Elapsed > Limit)
            {
                return new Settled(last, growth, cpu);
            }
            await Task.Delay(Poll);
        }
    }
}

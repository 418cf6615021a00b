namespace Luarm.Agent.Interop;

/// <summary>
/// Turns kernel timestamps into UTC: event times count from boot on
/// CLOCK_MONOTONIC, /proc start times in clock ticks on CLOCK_BOOTTIME.
/// </summary>
internal static class KernelClock
{
    private const int CLOCK_REALTIME = 0;
    private const int CLOCK_MONOTONIC = 1;
    private const int CLOCK_BOOTTIME = 7;

    /// <summary>USER_HZ, the unit of /proc/PID/stat times: 100 on every Linux ABI.</summary>
    private const long TicksPerSecond = 100;

    public static DateTime FromMonotonic(ulong nanoseconds) => Epoch(CLOCK_MONOTONIC).AddTicks((long)(nanoseconds / 100));

    public static DateTime FromBootTicks(long ticks) => Epoch(CLOCK_BOOTTIME).AddTicks(ticks * (TimeSpan.TicksPerSecond / TicksPerSecond));

    /// <summary>The UTC time at which <paramref name="clock"/> read zero (recomputed: the wall clock may be stepped).</summary>
    private static DateTime Epoch(int clock) =>
        DateTime.UnixEpoch.AddTicks(Read(CLOCK_REALTIME) - Read(clock));

    private static unsafe long Read(int clock)
    {
        Libc.TimeSpec time;
        if (Libc.clock_gettime(clock, &time) != 0)
        {
            throw KernelCallException.FromLastError("clock_gettime");
        }
        return time.Seconds * TimeSpan.TicksPerSecond + time.Nanoseconds / 100;
    }
}

namespace Luarm.Agent.Interop;

/// <summary>
/// Turns kernel timestamps into UTC: event times count from boot on
/// CLOCK_MONOTONIC, /proc start times in clock ticks on CLOCK_BOOTTIME.
/// </summary>
internal static class KernelClock
{
    private const int CLOCK_REALTIME = 0;
    private const int CLOCK_MONOTONIC = 1;
    private const int CLOCK_REALTIME_COARSE = 5;
    private const int CLOCK_BOOTTIME = 7;

    /// <summary>USER_HZ, the unit of /proc/PID/stat times: 100 on every Linux ABI.</summary>
    private const long TicksPerSecond = 100;

    public static DateTime FromMonotonic(ulong nanoseconds) => Epoch(CLOCK_MONOTONIC).AddTicks((long)(nanoseconds / 100));

    public static DateTime FromBootTicks(long ticks) => Epoch(CLOCK_BOOTTIME).AddTicks(ticks * (TimeSpan.TicksPerSecond / TicksPerSecond));

    /// <summary>
    /// The step of the coarse wall clock, one timer tick (1 to 10 ms): audit stamps its records
    /// with it, so a record's time is up to one step earlier than the call it records.
    /// </summary>
    public static TimeSpan CoarseStep => Resolution(CLOCK_REALTIME_COARSE);

    private static unsafe TimeSpan Resolution(int clock)
    {
        Libc.TimeSpec step;
        if (Libc.clock_getres(clock, &step) != 0)
        {
            throw KernelCallException.FromLastError("clock_getres");
        }
        return TimeSpan.FromTicks(step.Seconds * TimeSpan.TicksPerSecond + step.Nanoseconds / 100);
    }

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

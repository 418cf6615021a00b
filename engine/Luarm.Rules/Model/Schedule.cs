namespace Luarm.Rules.Model;

/// <summary>
/// The <c>schedule:</c> of an absence: windows repeating every <see cref="Period"/>,
/// window k covering [origin + <see cref="Offset"/> + k·Period, that + <see cref="Length"/>),
/// start included, end excluded. The origin is 0001-01-01 00:00 UTC (a Monday), so a
/// window is the same on every node and after every restart, daily windows start at
/// the same UTC time each day and periods that divide a day start at midnight.
/// </summary>
public sealed record Schedule(TimeSpan Period, TimeSpan Offset, TimeSpan Length)
{
    /// <summary><c>between: "01:00-03:00"</c>: every day from one UTC time of day to another; "22:00-02:00" crosses midnight.</summary>
    public static Schedule Daily(TimeSpan from, TimeSpan to) =>
        new(TimeSpan.FromDays(1), from, to > from ? to - from : to - from + TimeSpan.FromDays(1));

    /// <summary><c>every: 6h</c>: back-to-back windows of one period each.</summary>
    public static Schedule Every(TimeSpan period) => new(period, TimeSpan.Zero, period);

    /// <summary>The number of the first window that starts at or after <paramref name="time"/>.</summary>
    public long FirstStartingFrom(DateTime time) => Math.Max(0, FloorDivide(time.Ticks - Offset.Ticks + Period.Ticks - 1, Period.Ticks));

    /// <summary>
    /// The number of the last window that starts at or before <paramref name="time"/>, -1
    /// when none does; windows that would end after the last representable time do not exist.
    /// </summary>
    public long LastStartingBy(DateTime time) =>
        Math.Max(-1, FloorDivide(Math.Min(time.Ticks, DateTime.MaxValue.Ticks - Length.Ticks) - Offset.Ticks, Period.Ticks));

    /// <summary>Window <paramref name="number"/>, from 0 to <see cref="LastStartingBy"/> the last representable time.</summary>
    public (DateTime Start, DateTime End) Window(long number)
    {
        var start = new DateTime(Offset.Ticks + (number * Period.Ticks), DateTimeKind.Utc);
        return (start, start + Length);
    }

    private static long FloorDivide(long value, long divisor)
    {
        var quotient = Math.DivRem(value, divisor, out var remainder);
        return remainder < 0 ? quotient - 1 : quotient;
    }
}

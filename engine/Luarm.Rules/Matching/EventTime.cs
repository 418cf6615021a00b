namespace Luarm.Rules.Matching;

/// <summary>
/// Window arithmetic on event times that saturates instead of throwing: a fact
/// stamped near the end of time (a broken or hostile agent clock) must not make
/// rule evaluation fail for the whole session.
/// </summary>
public static class EventTime
{
    public static DateTime Shift(DateTime time, TimeSpan offset)
    {
        if (offset >= TimeSpan.Zero)
        {
            return offset > DateTime.MaxValue - time ? DateTime.MaxValue : time + offset;
        }
        return -offset > time - DateTime.MinValue ? DateTime.MinValue : time + offset;
    }
}

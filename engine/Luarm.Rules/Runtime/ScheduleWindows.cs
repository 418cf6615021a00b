using Luarm.Rules.Model;

namespace Luarm.Rules.Runtime;

/// <summary>
/// The windows of the session's schedules, per host: opened as the host's clock
/// reaches their start, handed back once it reaches their end (the rules have judged
/// them by then). A host's first window is the first that starts at or after its
/// earliest fact, so a window the session did not see from its start is never judged.
/// </summary>
internal sealed class ScheduleWindows(IReadOnlyList<Schedule> schedules)
{
    /// <summary>
    /// The most windows of one schedule a single clock move opens: the latest ones. A
    /// clock that jumps years (a broken agent clock) must not flood the session.
    /// </summary>
    public const int MostPerAdvance = 1000;

    private readonly Dictionary<(int Host, Schedule Schedule), long> _next = [];
    private readonly List<ScheduleWindow> _open = [];

    /// <summary>A host seen for the first time, whose earliest fact is at <paramref name="since"/>.</summary>
    public void Begin(int hostId, DateTime since)
    {
        foreach (var schedule in schedules)
        {
            _next[(hostId, schedule)] = schedule.FirstStartingFrom(since);
        }
    }

    /// <summary>The windows of the host that start by <paramref name="now"/> and were not opened before.</summary>
    public IReadOnlyList<ScheduleWindow> Open(int hostId, DateTime now)
    {
        var opened = new List<ScheduleWindow>();
        foreach (var schedule in schedules)
        {
            var next = _next[(hostId, schedule)];
            var last = schedule.LastStartingBy(now);
            for (var number = Math.Max(next, last - MostPerAdvance + 1); number <= last; number++)
            {
                var (start, end) = schedule.Window(number);
                opened.Add(new ScheduleWindow(schedule, hostId, start, end));
            }
            _next[(hostId, schedule)] = Math.Max(next, last + 1);
        }
        _open.AddRange(opened);
        return opened;
    }

    /// <summary>Takes the open windows whose end their host's clock has reached.</summary>
    public IReadOnlyList<ScheduleWindow> TakeConcluded(Func<int, DateTime> clockOf)
    {
        bool IsConcluded(ScheduleWindow window) => clockOf(window.HostId) >= window.End;
        var concluded = _open.FindAll(IsConcluded);
        _open.RemoveAll(IsConcluded);
        return concluded;
    }
}

namespace Luarm.Agent.Processes;

/// <summary>
/// What the process collector remembers per pid: the start times of the rows it
/// appended and has not ended (the image's row and the row of the name it took
/// last), so an end names exactly those rows, pids being reused; and the parent
/// from the fork event (the exec event carries none).
/// </summary>
internal sealed class ProcessLifetimes
{
    private readonly Dictionary<int, DateTime> _started = [];
    private readonly Dictionary<int, DateTime> _renamed = [];
    private readonly Dictionary<int, int> _parents = [];

    public void Forked(int pid, int parent) => _parents[pid] = parent;

    public void Started(int pid, DateTime created) => _started[pid] = created;

    /// <summary>Opens the row of a new name; returns the start of the previous name's row, which it closes.</summary>
    public DateTime? Renamed(int pid, DateTime created)
    {
        var previous = _renamed.Remove(pid, out var before) ? before : (DateTime?)null;
        _renamed[pid] = created;
        return previous;
    }

    /// <summary>The start times of the pid's open rows, which are closed by this call; empty when none.</summary>
    public IEnumerable<DateTime> Ended(int pid)
    {
        var open = new List<DateTime>(2);
        if (_started.Remove(pid, out var created))
        {
            open.Add(created);
        }
        if (_renamed.Remove(pid, out var renamed))
        {
            open.Add(renamed);
        }
        return open;
    }

    /// <summary>Whether the pid's image row is one this collector appended (a snapshot or a fork), not audit's exec row.</summary>
    public bool StartedHere(int pid) => _started.ContainsKey(pid);

    public int? ParentOf(int pid) => _parents.TryGetValue(pid, out var parent) ? parent : null;

    public void Forgotten(int pid) => _parents.Remove(pid);
}

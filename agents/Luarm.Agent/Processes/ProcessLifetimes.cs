namespace Luarm.Agent.Processes;

/// <summary>
/// What the process collector remembers per pid: the start time of the row it
/// appended (so an end names exactly that row, pids being reused) and the parent
/// from the fork event (the exec event carries none).
/// </summary>
internal sealed class ProcessLifetimes
{
    private readonly Dictionary<int, DateTime> _started = [];
    private readonly Dictionary<int, int> _parents = [];

    public void Forked(int pid, int parent) => _parents[pid] = parent;

    public void Started(int pid, DateTime created) => _started[pid] = created;

    /// <summary>The start time of the pid's open row, which is closed by this call; null when none.</summary>
    public DateTime? Ended(int pid) => _started.Remove(pid, out var created) ? created : null;

    public int? ParentOf(int pid) => _parents.TryGetValue(pid, out var parent) ? parent : null;

    public void Forgotten(int pid) => _parents.Remove(pid);
}

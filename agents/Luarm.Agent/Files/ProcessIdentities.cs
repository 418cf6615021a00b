using Luarm.Agent.Host;

namespace Luarm.Agent.Files;

/// <summary>
/// Who a pid is, read from /proc and kept for a second: a process opening many
/// files costs one read, and a pid is not reused that fast. A process already
/// gone is remembered as unknown for the same second.
/// </summary>
internal sealed class ProcessIdentities
{
    private static readonly TimeSpan KeepFor = TimeSpan.FromSeconds(1);
    private const int MaxEntries = 4096;
    private readonly Dictionary<int, (ProcessImage? Image, DateTime ReadAt)> _read = [];

    /// <summary>The process as /proc shows it, or null when it exited before it could be read.</summary>
    public ProcessImage? Of(int pid, DateTime now)
    {
        if (_read.TryGetValue(pid, out var known) && now - known.ReadAt < KeepFor)
        {
            return known.Image;
        }
        if (_read.Count >= MaxEntries)
        {
            _read.Clear();
        }
        var image = ProcFs.Read(pid);
        _read[pid] = (image, now);
        return image;
    }
}

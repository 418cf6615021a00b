using Luarm.Agent.Audit;
using Luarm.Store.Facts;

namespace Luarm.Agent.Processes;

/// <summary>
/// The newest image each pid exec'ed, as the audit collector recorded it (complete
/// argv, read from the EXECVE record, not from /proc): the process collector takes a
/// fork's inherited image from here when audit records execs, so a child that
/// renames itself at once (<c>$0 = "crond"</c>) still shows the script it runs.
/// Shared by the two collectors' threads, which see the same process in either
/// order; bounded as the audit collector's own tables.
/// </summary>
public sealed class ExecImages
{
    /// <summary>Audit times have milliseconds, the process connector's nanoseconds: an exec in the fork's millisecond came before it.</summary>
    private static readonly TimeSpan ClockGrain = TimeSpan.FromMilliseconds(1);

    private readonly BoundedTable<int, (ProcessFact Image, DateTime? Exited)> _images = new(AuditFacts.RememberedExecs);

    public void Exec(ProcessFact image)
    {
        lock (_images)
        {
            _images.Set(image.Pid, (image, null));
        }
    }

    /// <summary>
    /// Marks the pid's image as ended: kept for a fork read after the parent's exit
    /// (a daemonizing parent exits at once), never given to a later process reusing the pid.
    /// </summary>
    public void Exited(int pid, DateTime at)
    {
        lock (_images)
        {
            if (_images.TryGetValue(pid, out var known) && known.Image.Created < at + ClockGrain)
            {
                _images.Set(pid, known with { Exited = at });
            }
        }
    }

    /// <summary>The image <paramref name="pid"/> ran at <paramref name="at"/>; null when unknown, exec'ed again since, or exited before.</summary>
    public ProcessFact? At(int pid, DateTime at)
    {
        lock (_images)
        {
            return _images.TryGetValue(pid, out var known) && known.Image.Created < at + ClockGrain && !(known.Exited < at)
                ? known.Image
                : null;
        }
    }
}

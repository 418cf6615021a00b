using System.Text;
using Luarm.Agent.Host;
using Luarm.Agent.Interop;
using Luarm.Agent.Pipeline;
using Luarm.Store.Facts;
using Microsoft.Extensions.Logging;

namespace Luarm.Agent.Files;

/// <summary>
/// File accesses from fanotify: opens, writes (on close) and executions of files
/// under the watched directories, each a <see cref="FileFact"/> naming the
/// process that acted. The mount of each watched directory is marked and paths
/// are filtered here, so watching is recursive. The agent's own accesses are
/// never recorded: its spool and store writes would otherwise feed its input.
/// Events name files by directory handle and name, never by an open fd (see
/// <see cref="Fanotify"/>): another process opening the agent's SQLite store must
/// not make the agent open and close that file, which would drop its locks.
/// </summary>
public sealed class FileCollector(FileWatchOptions options, UserNames users, ILogger logger) : ICollector
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(200);

    private static readonly (ulong Bit, string AccessType)[] AccessTypes =
    [
        (Fanotify.FAN_OPEN, "open"),
        (Fanotify.FAN_OPEN_EXEC, "open_exec"),
        (Fanotify.FAN_CLOSE_WRITE, "close_write"),
    ];

    private readonly PathFilter _filter = new(options.WatchPaths, options.ExcludedPaths);
    private readonly DirectoryHandles _directories = new();
    private KernelDescriptor? _group;

    public string Name => "file";

    public void Open()
    {
        _group = Fanotify.Init();
        foreach (var path in options.WatchPaths)
        {
            if (!Path.Exists(path))
            {
                logger.LogWarning("not watching {Path}: it does not exist", path);
                continue;
            }
            _directories.Add(path);
            try
            {
                Fanotify.MarkMount(_group, path, Fanotify.FAN_OPEN | Fanotify.FAN_CLOSE_WRITE | Fanotify.FAN_OPEN_EXEC);
            }
            catch (KernelCallException unsupported) when (unsupported.Errno is Fanotify.ENODEV or Fanotify.EOPNOTSUPP or Fanotify.EXDEV)
            {
                // Events without an fd need file handles, which some file systems cannot make.
                logger.LogWarning("not watching {Path}: its file system cannot name files by handle ({Reason})", path, unsupported.Message);
            }
        }
    }

    public void Run(IFactSink sink, CancellationToken cancel)
    {
        var group = _group ?? throw new InvalidOperationException("Open the file collector before running it");
        var buffer = new byte[64 * 1024];
        var self = Environment.ProcessId;
        Span<byte> path = stackalloc byte[4096];
        while (!cancel.IsCancellationRequested)
        {
            if (!group.WaitReadable(PollEvery))
            {
                continue;
            }
            var read = Fanotify.Read(group, buffer);
            var events = Fanotify.Events(buffer.AsSpan(0, read));
            while (events.TryRead(out var fileEvent))
            {
                if ((fileEvent.Mask & Fanotify.FAN_Q_OVERFLOW) != 0)
                {
                    logger.LogWarning("file events lost: the kernel's fanotify queue overflowed");
                }
                if (fileEvent.Pid == self)
                {
                    continue;
                }
                var length = _directories.PathOf(fileEvent, path);
                if (length > 0 && _filter.Accepts(path[..length]))
                {
                    Record(fileEvent.Mask, fileEvent.Pid, Encoding.UTF8.GetString(path[..length]), sink);
                }
            }
        }
    }

    public void Dispose()
    {
        _group?.Dispose();
        _directories.Dispose();
    }

    private void Record(ulong mask, int pid, string filename, IFactSink sink)
    {
        var now = DateTime.UtcNow;
        // Read for this event, never cached: a pid that exec'ed since (runuser, then cat) is another command and maybe another user.
        var process = ProcFs.Read(pid);
        // A process that exits right after its open (cat) has lost its command line but still has its name.
        var command = process?.Command is { Length: > 0 } commandLine ? commandLine : ProcFs.Comm(pid) ?? "";
        foreach (var (bit, accessType) in AccessTypes)
        {
            if ((mask & bit) != 0)
            {
                sink.Add(new FileFact
                {
                    Filename = filename,
                    AccessType = accessType,
                    Pid = pid,
                    Ppid = process?.Ppid ?? 0,
                    Uid = process?.Uid,
                    Username = process?.Uid is { } uid ? users.Of(uid) : "",
                    Command = command,
                    LoginUid = process?.Login.LoginUid,
                    LoginName = process?.Login.NameIn(users),
                    SessionId = process?.Login.SessionId,
                    Created = now,
                });
            }
        }
    }
}

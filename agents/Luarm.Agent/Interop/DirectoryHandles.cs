using System.Globalization;
using System.Runtime.InteropServices;

namespace Luarm.Agent.Interop;

/// <summary>
/// Turns the parent directory's file handle of a fanotify event into a path:
/// open_by_handle_at with O_PATH on the directory (never the file itself, so no
/// lock of the file is touched), its /proc/self/fd link, then the event's name.
/// A handle is opened through a descriptor of the mount it belongs to, found by
/// the file system id (fsid) of each watched path.
/// </summary>
internal sealed class DirectoryHandles : IDisposable
{
    /// <summary>struct statfs on 64-bit Linux: 120 bytes, f_fsid at 56.</summary>
    private const int StatfsLength = 120;
    private const int FsidOffset = 56;
    private readonly Dictionary<ulong, KernelDescriptor> _mounts = [];
    private readonly string[] _fdLinks = new string[1024];

    /// <summary>Lets events of the file system holding <paramref name="path"/> be resolved, through that path's mount.</summary>
    public unsafe void Add(string path)
    {
        // A watched file is reached through its folder: the agent opens no watched file, not even once.
        path = Directory.Exists(path) ? path : Path.GetDirectoryName(Path.GetFullPath(path)) ?? "/";
        // Not O_PATH: open_by_handle_at refuses an O_PATH descriptor as its mount (EBADF).
        var mount = KernelDescriptor.Take(Libc.open(path, Libc.O_RDONLY | Libc.O_DIRECTORY | Libc.O_CLOEXEC), $"open({path})");
        Span<byte> statfs = stackalloc byte[StatfsLength];
        fixed (byte* pointer = statfs)
        {
            if (Libc.fstatfs(mount.Fd, pointer) != 0)
            {
                var error = KernelCallException.FromLastError($"fstatfs({path})");
                mount.Dispose();
                throw error;
            }
        }
        if (!_mounts.TryAdd(MemoryMarshal.Read<ulong>(statfs[FsidOffset..]), mount))
        {
            mount.Dispose();
        }
    }

    /// <summary>The file's full path into <paramref name="path"/>: its length, or -1 when the directory is gone or unknown.</summary>
    public unsafe int PathOf(in FanotifyEvent fileEvent, Span<byte> path)
    {
        if (fileEvent.DirectoryHandle.IsEmpty || !_mounts.TryGetValue(fileEvent.FileSystem, out var mount))
        {
            return -1;
        }
        int directory;
        fixed (byte* handle = fileEvent.DirectoryHandle)
        {
            directory = Libc.open_by_handle_at(mount.Fd, handle, Libc.O_PATH | Libc.O_DIRECTORY | Libc.O_CLOEXEC);
        }
        if (directory < 0)
        {
            return -1;
        }
        var length = ProcFile.ReadLink(FdLink(directory), path);
        Libc.close(directory);
        return length <= 0 || fileEvent.Name.IsEmpty ? length : Append(path, length, fileEvent.Name);
    }

    public void Dispose()
    {
        foreach (var mount in _mounts.Values)
        {
            mount.Dispose();
        }
    }

    private static int Append(Span<byte> path, int length, ReadOnlySpan<byte> name)
    {
        var separator = path[length - 1] == (byte)'/' ? 0 : 1;
        if (length + separator + name.Length > path.Length)
        {
            return -1;
        }
        path[length] = (byte)'/';
        name.CopyTo(path[(length + separator)..]);
        return length + separator + name.Length;
    }

    /// <summary>"/proc/self/fd/N", made once per descriptor number.</summary>
    private string FdLink(int fd) =>
        fd < _fdLinks.Length ? _fdLinks[fd] ??= MakeFdLink(fd) : MakeFdLink(fd);

    private static string MakeFdLink(int fd) => "/proc/self/fd/" + fd.ToString(CultureInfo.InvariantCulture);
}

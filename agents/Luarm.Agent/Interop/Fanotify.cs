using System.Runtime.InteropServices;

namespace Luarm.Agent.Interop;

/// <summary>
/// fanotify (linux/fanotify.h) in notification class and file-id mode
/// (<c>FAN_REPORT_DFID_NAME</c>, Linux 5.9+): a group whose read() returns
/// struct fanotify_event_metadata records, each naming the file by its parent
/// directory's file handle and its name, and the pid that acted. No event carries
/// an fd: the kernel never opens the accessed file in this process. That matters
/// because closing any fd of a file drops every POSIX lock the process holds on it,
/// and SQLite's locks on the agent's own store are such locks.
/// </summary>
internal static class Fanotify
{
    public const ulong FAN_CLOSE_WRITE = 0x8;
    public const ulong FAN_OPEN = 0x20;
    public const ulong FAN_OPEN_EXEC = 0x1000;
    public const ulong FAN_Q_OVERFLOW = 0x4000;
    public const int EXDEV = 18;
    public const int ENODEV = 19;
    public const int EINVAL = 22;
    public const int EOPNOTSUPP = 95;
    private const uint FAN_CLOEXEC = 0x1;
    private const uint FAN_NONBLOCK = 0x2;
    private const uint FAN_CLASS_NOTIF = 0x0;
    private const uint FAN_REPORT_DIR_FID = 0x400;
    private const uint FAN_REPORT_NAME = 0x800;
    private const uint FAN_MARK_ADD = 0x1;
    private const uint FAN_MARK_MOUNT = 0x10;
    private const byte FAN_EVENT_INFO_TYPE_DFID_NAME = 2;
    private const byte FAN_EVENT_INFO_TYPE_DFID = 3;
    private const int MetadataLength = 24;

    /// <summary>
    /// A group in file-id mode. The event file flags are required by the call but
    /// unused: no event fd is ever opened.
    /// </summary>
    public static KernelDescriptor Init()
    {
        var fd = Libc.fanotify_init(FAN_CLASS_NOTIF | FAN_CLOEXEC | FAN_NONBLOCK | FAN_REPORT_DIR_FID | FAN_REPORT_NAME, Libc.O_RDONLY | Libc.O_LARGEFILE | Libc.O_CLOEXEC);
        if (fd < 0 && Marshal.GetLastPInvokeError() == EINVAL)
        {
            throw new KernelCallException("fanotify_init(FAN_REPORT_DFID_NAME) needs Linux 5.9 or later", EINVAL);
        }
        return KernelDescriptor.Take(fd, "fanotify_init");
    }

    /// <summary>Watches every file of the mount that holds <paramref name="path"/> for the events in <paramref name="mask"/>.</summary>
    public static void MarkMount(KernelDescriptor group, string path, ulong mask)
    {
        if (Libc.fanotify_mark(group.Fd, FAN_MARK_ADD | FAN_MARK_MOUNT, mask, Libc.AT_FDCWD, path) != 0)
        {
            throw KernelCallException.FromLastError($"fanotify_mark({path})");
        }
    }

    /// <summary>Reads the queued events into <paramref name="buffer"/>: the byte count, 0 when none are queued.</summary>
    public static unsafe int Read(KernelDescriptor group, Span<byte> buffer)
    {
        fixed (byte* pointer = buffer)
        {
            var read = Libc.read(group.Fd, pointer, (nuint)buffer.Length);
            if (read < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                return errno is Libc.EAGAIN or Libc.EINTR ? 0 : throw new KernelCallException("read(fanotify)", errno);
            }
            return (int)read;
        }
    }

    public static Reader Events(ReadOnlySpan<byte> buffer) => new(buffer);

    public ref struct Reader(ReadOnlySpan<byte> buffer)
    {
        private ReadOnlySpan<byte> _rest = buffer;

        public bool TryRead(out FanotifyEvent fanotifyEvent)
        {
            fanotifyEvent = default;
            if (_rest.Length < MetadataLength)
            {
                return false;
            }
            var length = (int)MemoryMarshal.Read<uint>(_rest);
            var metadataLength = MemoryMarshal.Read<ushort>(_rest[6..]);
            if (length < MetadataLength || length > _rest.Length || metadataLength < MetadataLength || metadataLength > length)
            {
                return false;
            }
            var record = _rest[..length];
            fanotifyEvent = new FanotifyEvent(MemoryMarshal.Read<ulong>(record[8..]), MemoryMarshal.Read<int>(record[20..]));
            ReadDirectoryAndName(record[metadataLength..], ref fanotifyEvent);
            _rest = _rest[length..];
            return true;
        }

        /// <summary>
        /// The fanotify_event_info_fid record of the event: header (type, pad, length),
        /// fsid, then a struct file_handle (handle_bytes, handle_type, f_handle) and,
        /// for DFID_NAME, the entry's name up to a NUL.
        /// </summary>
        private static void ReadDirectoryAndName(ReadOnlySpan<byte> info, ref FanotifyEvent fanotifyEvent)
        {
            while (info.Length >= 4)
            {
                var type = info[0];
                var length = MemoryMarshal.Read<ushort>(info[2..]);
                if (length < 4 || length > info.Length)
                {
                    return;
                }
                var record = info[..length];
                if (type is FAN_EVENT_INFO_TYPE_DFID_NAME or FAN_EVENT_INFO_TYPE_DFID && record.Length >= 20)
                {
                    var handleBytes = MemoryMarshal.Read<uint>(record[12..]);
                    var handleLength = 8 + (int)Math.Min(handleBytes, (uint)record.Length);
                    if (handleLength <= record.Length - 12)
                    {
                        var name = record[(12 + handleLength)..];
                        var end = name.IndexOf((byte)0);
                        fanotifyEvent = fanotifyEvent with
                        {
                            FileSystem = MemoryMarshal.Read<ulong>(record[4..]),
                            DirectoryHandle = record.Slice(12, handleLength),
                            Name = type == FAN_EVENT_INFO_TYPE_DFID_NAME && end >= 0 ? name[..end] : [],
                        };
                    }
                    return;
                }
                info = info[length..];
            }
        }
    }
}

/// <summary>
/// One fanotify event: what happened, who did it, and where: the file system
/// (its fsid), the parent directory as a struct file_handle (empty when the event
/// names none, as a queue overflow) and the file's name in it.
/// </summary>
internal readonly ref struct FanotifyEvent(ulong mask, int pid)
{
    public ulong Mask { get; } = mask;

    public int Pid { get; } = pid;

    public ulong FileSystem { get; init; }

    public ReadOnlySpan<byte> DirectoryHandle { get; init; }

    public ReadOnlySpan<byte> Name { get; init; }
}

using System.Runtime.InteropServices;

namespace Luarm.Agent.Interop;

/// <summary>
/// fanotify (linux/fanotify.h) in notification class: a group whose read()
/// returns struct fanotify_event_metadata records, each with an open fd of the
/// file (its path is the fd's link in /proc/self/fd) and the pid that acted.
/// </summary>
internal static class Fanotify
{
    public const ulong FAN_CLOSE_WRITE = 0x8;
    public const ulong FAN_OPEN = 0x20;
    public const ulong FAN_OPEN_EXEC = 0x1000;
    public const ulong FAN_Q_OVERFLOW = 0x4000;
    public const int EINVAL = 22;
    private const uint FAN_CLOEXEC = 0x1;
    private const uint FAN_NONBLOCK = 0x2;
    private const uint FAN_CLASS_NOTIF = 0x0;
    private const uint FAN_MARK_ADD = 0x1;
    private const uint FAN_MARK_MOUNT = 0x10;
    private const int MetadataLength = 24;

    public static KernelDescriptor Init() =>
        KernelDescriptor.Take(
            Libc.fanotify_init(FAN_CLASS_NOTIF | FAN_CLOEXEC | FAN_NONBLOCK, Libc.O_RDONLY | Libc.O_LARGEFILE | Libc.O_CLOEXEC),
            "fanotify_init");

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
            if (length < MetadataLength || length > _rest.Length)
            {
                return false;
            }
            fanotifyEvent = new FanotifyEvent(MemoryMarshal.Read<ulong>(_rest[8..]), MemoryMarshal.Read<int>(_rest[16..]), MemoryMarshal.Read<int>(_rest[20..]));
            _rest = _rest[length..];
            return true;
        }
    }
}

/// <summary>One fanotify event: what happened, the file as an fd the reader must close (-1 for none), and who did it.</summary>
internal readonly record struct FanotifyEvent(ulong Mask, int Fd, int Pid);

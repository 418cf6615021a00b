using System.Runtime.InteropServices;

namespace Luarm.Agent.Interop;

/// <summary>The few libc calls the collectors need; each sets errno for <see cref="KernelCallException"/>.</summary>
internal static partial class Libc
{
    public const int AF_NETLINK = 16;
    public const int SOCK_DGRAM = 2;
    public const int SOCK_CLOEXEC = 0x80000;
    public const int SOL_SOCKET = 1;
    public const int SO_RCVBUF = 8;
    public const int SO_RCVBUFFORCE = 33;
    public const short POLLIN = 0x001;
    public const int MSG_DONTWAIT = 0x40;
    public const int EINTR = 4;
    public const int EAGAIN = 11;
    public const int ENOBUFS = 105;
    public const int O_RDONLY = 0;
    public const int O_NONBLOCK = 0x800;
    public const int O_CLOEXEC = 0x80000;
    public const int O_LARGEFILE = 0x8000;
    public const int O_DIRECTORY = 0x10000;
    public const int O_PATH = 0x200000;
    public const int AT_FDCWD = -100;
    public const int O_NOATIME = 0x40000;
    public const int AT_EMPTY_PATH = 0x1000;
    public const uint STATX_BASIC_STATS = 0x7ff;
    public const int EPERM = 1;
    public const int NI_NAMEREQD = 8;
    public const int NI_MAXHOST = 1025;

    [LibraryImport("libc", SetLastError = true)]
    public static partial int socket(int domain, int type, int protocol);

    [LibraryImport("libc", SetLastError = true)]
    public static unsafe partial int bind(int fd, void* address, int addressLength);

    [LibraryImport("libc", SetLastError = true)]
    public static unsafe partial nint send(int fd, void* buffer, nuint length, int flags);

    [LibraryImport("libc", SetLastError = true)]
    public static unsafe partial nint recv(int fd, void* buffer, nuint length, int flags);

    [LibraryImport("libc", SetLastError = true)]
    public static unsafe partial int setsockopt(int fd, int level, int name, void* value, int valueLength);

    [LibraryImport("libc", SetLastError = true)]
    public static unsafe partial int poll(PollFd* fds, nuint count, int timeoutMilliseconds);

    [LibraryImport("libc", SetLastError = true)]
    public static unsafe partial nint read(int fd, void* buffer, nuint length);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int close(int fd);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int fanotify_init(uint flags, uint eventFileFlags);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int fanotify_mark(int fd, uint flags, ulong mask, int directoryFd, string? path);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int open(string path, int flags);

    [LibraryImport("libc", SetLastError = true)]
    public static unsafe partial int fstatfs(int fd, byte* statfs);

    [LibraryImport("libc", SetLastError = true)]
    public static unsafe partial int open_by_handle_at(int mountFd, byte* fileHandle, int flags);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static unsafe partial nint readlink(string path, byte* buffer, nuint size);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static unsafe partial int statx(int directoryFd, string path, int flags, uint mask, byte* statx);

    [LibraryImport("libc", SetLastError = true)]
    public static unsafe partial nint pread(int fd, void* buffer, nuint length, long offset);

    [LibraryImport("libc")]
    public static unsafe partial int getnameinfo(byte* address, int addressLength, byte* host, int hostLength, byte* service, int serviceLength, int flags);

    [LibraryImport("libc", SetLastError = true)]
    public static unsafe partial int clock_gettime(int clock, TimeSpec* time);

    [LibraryImport("libc", SetLastError = true)]
    public static unsafe partial int clock_getres(int clock, TimeSpec* resolution);

    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short ReturnedEvents;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}

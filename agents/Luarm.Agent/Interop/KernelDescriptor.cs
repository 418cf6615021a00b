using System.Runtime.InteropServices;

namespace Luarm.Agent.Interop;

/// <summary>A file descriptor from a system call, closed exactly once.</summary>
internal sealed class KernelDescriptor : SafeHandle
{
    private KernelDescriptor(int fd)
        : base(-1, ownsHandle: true) => SetHandle(fd);

    public override bool IsInvalid => handle == -1;

    public int Fd => (int)handle;

    /// <summary>Wraps the result of a call that returns a descriptor, or throws its errno.</summary>
    public static KernelDescriptor Take(int fd, string call) =>
        fd >= 0 ? new KernelDescriptor(fd) : throw KernelCallException.FromLastError(call);

    /// <summary>True when data is ready to read; false when <paramref name="wait"/> passed first.</summary>
    public unsafe bool WaitReadable(TimeSpan wait)
    {
        var poll = new Libc.PollFd { Fd = Fd, Events = Libc.POLLIN };
        var ready = Libc.poll(&poll, 1, (int)wait.TotalMilliseconds);
        if (ready < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            return errno == Libc.EINTR ? false : throw new KernelCallException("poll", errno);
        }
        return ready > 0;
    }

    protected override bool ReleaseHandle() => Libc.close((int)handle) == 0;
}

using System.Runtime.InteropServices;
using Luarm.Agent.Interop;

namespace Luarm.Agent.Enrichment.Hashes;

/// <summary>
/// An executable opened for hashing, with the identity it had when opened. Opened
/// non-blocking (a FIFO put in its place cannot hang the agent), without updating its
/// access time (the agent leaves no trace on the evidence), and only kept when it is a
/// regular file.
/// </summary>
internal sealed class OpenExecutable : IDisposable
{
    private OpenExecutable(int fd, FileStatus status)
    {
        Fd = fd;
        Status = status;
    }

    public int Fd { get; }

    public FileStatus Status { get; }

    /// <summary>The file <paramref name="path"/> leads to, or null when it is gone, not regular or not readable.</summary>
    public static OpenExecutable? Open(string path)
    {
        const int flags = Libc.O_RDONLY | Libc.O_CLOEXEC | Libc.O_NONBLOCK | Libc.O_LARGEFILE;
        var fd = Libc.open(path, flags | Libc.O_NOATIME);
        if (fd < 0 && Marshal.GetLastPInvokeError() == Libc.EPERM)
        {
            // O_NOATIME needs the file's owner or CAP_FOWNER.
            fd = Libc.open(path, flags);
        }
        if (fd < 0)
        {
            return null;
        }
        if (FileStatus.OfDescriptor(fd) is { IsRegular: true } status)
        {
            return new OpenExecutable(fd, status);
        }
        Libc.close(fd);
        return null;
    }

    public void Dispose() => Libc.close(Fd);
}

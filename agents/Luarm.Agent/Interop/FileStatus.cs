using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Luarm.Agent.Interop;

/// <summary>
/// Which file a path or descriptor is, and its state, from statx(2): its layout is the same
/// on every architecture, unlike struct stat. Device and inode name the file; size, mtime
/// and ctime change when it is written (ctime also when mtime is set back by hand).
/// </summary>
internal readonly record struct FileStatus(ulong Device, ulong Inode, long Size, long ModifiedNs, long ChangedNs, bool IsRegular)
{
    private const int StatxSize = 256;

    /// <summary>The file <paramref name="path"/> leads to (links followed, /proc/PID/exe included); null when there is none.</summary>
    public static FileStatus? OfPath(string path) => Of(Libc.AT_FDCWD, path, 0);

    /// <summary>The file open as <paramref name="fd"/>; null when the call fails.</summary>
    public static FileStatus? OfDescriptor(int fd) => Of(fd, "", Libc.AT_EMPTY_PATH);

    private static unsafe FileStatus? Of(int directoryFd, string path, int flags)
    {
        var buffer = stackalloc byte[StatxSize];
        if (Libc.statx(directoryFd, path, flags, Libc.STATX_BASIC_STATS, buffer) != 0)
        {
            _ = Marshal.GetLastPInvokeError();
            return null;
        }
        var fields = new ReadOnlySpan<byte>(buffer, StatxSize);
        var mode = BinaryPrimitives.ReadUInt16LittleEndian(fields[28..]);
        return new FileStatus(
            Device: ((ulong)BinaryPrimitives.ReadUInt32LittleEndian(fields[136..]) << 32) | BinaryPrimitives.ReadUInt32LittleEndian(fields[140..]),
            Inode: BinaryPrimitives.ReadUInt64LittleEndian(fields[32..]),
            Size: (long)BinaryPrimitives.ReadUInt64LittleEndian(fields[40..]),
            ModifiedNs: Nanoseconds(fields[112..]),
            ChangedNs: Nanoseconds(fields[96..]),
            IsRegular: (mode & 0xF000) == 0x8000);
    }

    private static long Nanoseconds(ReadOnlySpan<byte> timestamp) =>
        (BinaryPrimitives.ReadInt64LittleEndian(timestamp) * 1_000_000_000L) + BinaryPrimitives.ReadUInt32LittleEndian(timestamp[8..]);
}

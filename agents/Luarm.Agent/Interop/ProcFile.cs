using System.Buffers;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Luarm.Agent.Interop;

/// <summary>
/// Reads small /proc and /sys files and symlinks. A process may exit at any
/// moment, so "gone" is an ordinary answer (null), never an exception.
/// </summary>
internal static class ProcFile
{
    private const int MaxLength = 256 * 1024;

    /// <summary>The file's text (NULs kept), or null when it cannot be read.</summary>
    public static string? ReadText(string path)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(4096);
        try
        {
            using var handle = OpenOrNull(path);
            if (handle is null)
            {
                return null;
            }
            var length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (buffer.Length >= MaxLength)
                    {
                        break;
                    }
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
                var read = RandomAccess.Read(handle, buffer.AsSpan(length), length);
                if (read == 0)
                {
                    break;
                }
                length += read;
            }
            return Encoding.UTF8.GetString(buffer, 0, length);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The target of a symlink such as /proc/PID/exe, or null when it is gone.</summary>
    public static string? ReadLink(string path)
    {
        Span<byte> target = stackalloc byte[4096];
        var length = ReadLink(path, target);
        return length < 0 ? null : Encoding.UTF8.GetString(target[..length]);
    }

    /// <summary>The raw link target into <paramref name="target"/>: its length, or -1. No allocation.</summary>
    public static unsafe int ReadLink(string path, Span<byte> target)
    {
        fixed (byte* pointer = target)
        {
            var length = Libc.readlink(path, pointer, (nuint)target.Length);
            return length < 0 || length == target.Length ? -1 : (int)length;
        }
    }

    private static SafeFileHandle? OpenOrNull(string path)
    {
        try
        {
            return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}

using System.Globalization;
using System.Text;
using Luarm.Agent.Interop;
using Microsoft.Win32.SafeHandles;

namespace Luarm.Agent.Inventory;

/// <summary>
/// The colon-separated lines of /etc/passwd or /etc/group, read defensively: anyone
/// who can write the file (or a package script) decides its content, so the read is
/// bounded in bytes and in entries, a line that is not an entry is skipped and
/// counted, never fatal, and a FIFO or device put in its place cannot block the read.
/// </summary>
public sealed class AccountFile(string path, int fields, long maxBytes = AccountFile.DefaultMaxBytes, int maxEntries = AccountFile.DefaultMaxEntries)
{
    /// <summary>Far above a real host's files (a passwd line is about 50 bytes: 40,000 users).</summary>
    public const long DefaultMaxBytes = 2 << 20;

    /// <summary>
    /// Bounds what one read keeps in memory and what one rewrite of the file can add
    /// to the store (each entry is a row, each vanished one an end), however short
    /// its lines (each open row costs about 600 bytes of memory); above a real host's
    /// local accounts (directory users are not in the file).
    /// </summary>
    public const int DefaultMaxEntries = 20_000;

    private byte[] _lastBytes = [];
    private IReadOnlyList<string[]> _lastEntries = [];

    public string Path { get; } = path;

    public long MaxBytes { get; } = maxBytes;

    public int MaxEntries { get; } = maxEntries;

    /// <summary>Lines of the last read that were not entries, or past a bound.</summary>
    public int Skipped { get; private set; }

    /// <summary>Whether the last read stopped at a bound (bytes or entries).</summary>
    public bool Truncated { get; private set; }

    /// <summary>
    /// The entries split into exactly the expected number of fields. Throws an
    /// <see cref="IOException"/> when the file cannot be read now (missing while a
    /// script replaces it, a directory or FIFO in its place): that is not "no users",
    /// so the caller keeps what it knew. When the file holds the same bytes as at the
    /// last read, it is that read's very list, so a caller sees "unchanged" by reference.
    /// </summary>
    public IReadOnlyList<string[]> Read()
    {
        var bytes = ReadBounded();
        if (bytes.AsSpan().SequenceEqual(_lastBytes))
        {
            return _lastEntries;
        }
        var cut = bytes.Length > MaxBytes;
        var lines = Encoding.UTF8.GetString(bytes, 0, (int)Math.Min(bytes.Length, MaxBytes)).Split('\n');
        if (cut)
        {
            lines = lines[..^1]; // the last line was cut at the bound
        }
        var entries = new List<string[]>();
        var skipped = cut ? 1 : 0;
        foreach (var line in lines)
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            var split = line.Split(':');
            if (split.Length != fields || split[0].Length == 0 || split[0][0] is '+' or '-')
            {
                skipped++;
            }
            else if (entries.Count == MaxEntries)
            {
                skipped++;
                cut = true;
            }
            else
            {
                entries.Add(split);
            }
        }
        (Skipped, Truncated) = (skipped, cut);
        (_lastBytes, _lastEntries) = (bytes, entries);
        return entries;
    }

    /// <summary>A numeric id field (uid, gid) as the C library reads it: decimal digits within an int, else null.</summary>
    public static int? Id(string field) =>
        int.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    /// <summary>The file's first bytes, one past <see cref="MaxBytes"/> when it is longer.</summary>
    private byte[] ReadBounded()
    {
        using var handle = OpenNonBlocking();
        using var file = new FileStream(handle, FileAccess.Read, bufferSize: 0);
        if (!file.CanSeek)
        {
            throw new IOException($"{Path} is not a regular file (a FIFO or socket): not read");
        }
        var buffer = new byte[(int)Math.Min(MaxBytes + 1, Math.Max(file.Length, 4096) + 1)];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = file.Read(buffer, length, buffer.Length - length)) > 0)
        {
            length += read;
        }
        return buffer.AsSpan(0, length).ToArray();
    }

    /// <summary>The file opened with O_NONBLOCK: a FIFO's open would wait for a writer otherwise.</summary>
    private SafeFileHandle OpenNonBlocking()
    {
        var fd = Libc.open(Path, Libc.O_RDONLY | Libc.O_NONBLOCK | Libc.O_CLOEXEC);
        return fd < 0 ? throw KernelCallException.FromLastError($"open({Path})") : new SafeFileHandle(fd, ownsHandle: true);
    }
}

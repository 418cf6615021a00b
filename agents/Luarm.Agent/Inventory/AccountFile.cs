using System.Globalization;
using System.Text;

namespace Luarm.Agent.Inventory;

/// <summary>
/// The colon-separated lines of /etc/passwd or /etc/group, read defensively: anyone
/// who can write the file (or a package script) decides its content, so the read is
/// bounded, and a line that is not an entry is skipped and counted, never fatal.
/// </summary>
public sealed class AccountFile(string path, int fields, long maxBytes = AccountFile.DefaultMaxBytes)
{
    /// <summary>Far above a real host's files (a passwd line is about 50 bytes: 80,000 users).</summary>
    public const long DefaultMaxBytes = 4 << 20;

    public string Path { get; } = path;

    /// <summary>Lines of the last read that were not entries, or past the bound.</summary>
    public int Skipped { get; private set; }

    /// <summary>Whether the last read stopped at the bound.</summary>
    public bool Truncated { get; private set; }

    /// <summary>The entries split into exactly the expected number of fields; empty when the file cannot be read.</summary>
    public IReadOnlyList<string[]> Read()
    {
        var (text, truncated) = ReadBounded();
        Truncated = truncated;
        var lines = text.Split('\n');
        if (truncated)
        {
            lines = lines[..^1]; // the last line was cut at the bound
        }
        var entries = new List<string[]>();
        var skipped = truncated ? 1 : 0;
        foreach (var line in lines)
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            var split = line.Split(':');
            if (split.Length == fields && split[0].Length > 0 && split[0].IndexOfAny(['+', '-']) != 0)
            {
                entries.Add(split);
            }
            else
            {
                skipped++;
            }
        }
        Skipped = skipped;
        return entries;
    }

    /// <summary>A numeric id field (uid, gid) as the C library reads it: decimal digits within an int, else null.</summary>
    public static int? Id(string field) =>
        int.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    private (string Text, bool Truncated) ReadBounded()
    {
        try
        {
            using var file = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1);
            var buffer = new byte[(int)Math.Min(maxBytes + 1, Math.Max(file.Length, 4096) + 1)];
            var length = 0;
            int read;
            while (length < buffer.Length && (read = file.Read(buffer, length, buffer.Length - length)) > 0)
            {
                length += read;
            }
            var truncated = length > maxBytes;
            return (Encoding.UTF8.GetString(buffer, 0, (int)Math.Min(length, maxBytes)), truncated);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return ("", false);
        }
    }
}

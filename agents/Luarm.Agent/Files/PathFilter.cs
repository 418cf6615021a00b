using System.Text;

namespace Luarm.Agent.Files;

/// <summary>
/// Decides from the raw UTF-8 path of an event, before any string is made, whether
/// it is (or lies under) a watched path and no excluded one.
/// </summary>
internal sealed class PathFilter(IEnumerable<string> watched, IEnumerable<string> excluded)
{
    private readonly Entry[] _watched = [.. watched.Select(Entry.Of)];
    private readonly Entry[] _excluded = [.. excluded.Select(Entry.Of)];

    public bool Accepts(ReadOnlySpan<byte> path) => IsUnderAny(path, _watched) && !IsUnderAny(path, _excluded);

    private static bool IsUnderAny(ReadOnlySpan<byte> path, Entry[] entries)
    {
        foreach (var entry in entries)
        {
            if (path.SequenceEqual(entry.Exact) || path.StartsWith(entry.Prefix))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>A path as itself and as a directory prefix ending in '/', so "/tmp" never matches "/tmpfoo".</summary>
    private sealed record Entry(byte[] Exact, byte[] Prefix)
    {
        public static Entry Of(string path)
        {
            var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
            return new Entry(Encoding.UTF8.GetBytes(full), Encoding.UTF8.GetBytes(full.EndsWith('/') ? full : full + "/"));
        }
    }
}

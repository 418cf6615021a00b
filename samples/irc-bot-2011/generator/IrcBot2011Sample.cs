using System.IO.Compression;
using System.Text;
using Luarm.Rules.Fixtures;

namespace Luarm.Samples.IrcBot2011;

/// <summary>
/// The generator of <c>samples/irc-bot-2011/facts.jsonl.gz</c>: five days
/// (1 to 5 February 2011, UTC) of the web server the LUARM write-up caught
/// carrying a Perl IRC bot. Fixed seeds make the same rows every time.
/// </summary>
internal static class IrcBot2011Sample
{
    public const string Name = "irc-bot-2011";
    public const string FileName = "facts.jsonl.gz";

    public static readonly DateTime Start = new(2011, 2, 1, 0, 0, 0, DateTimeKind.Utc);
    public static readonly DateTime End = new(2011, 2, 6, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>The last Apache child is spawned before the first bot runs, so the bots are nobody's last processes.</summary>
    private static readonly DateTime LastApacheChild = new(2011, 2, 5, 6, 0, 0, DateTimeKind.Utc);

    public static IReadOnlyList<object> Rows()
    {
        var host = new HostRecording();
        // One seed per part: changing one part's activity leaves the others' rows as they were.
        SystemActivity.Add(host, new Random(1), Start, End);
        var httpd = WebServer.Add(host, new Random(2), Start, LastApacheChild, End);
        UserSessions.Add(host, new Random(3), Start, End);
        BotActivity.Add(host, httpd, new Random(4));
        return host.Rows();
    }

    /// <summary>The rows as JSON Lines, the format of <c>luarm rules record</c> (one row object per line, its table named).</summary>
    public static string JsonLines()
    {
        var text = new StringBuilder();
        foreach (var row in Rows())
        {
            text.Append(FixtureWriter.Row(row)).Append('\n');
        }
        return text.ToString();
    }

    public static void Write(string path)
    {
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.SmallestSize);
        gzip.Write(Encoding.UTF8.GetBytes(JsonLines()));
    }
}

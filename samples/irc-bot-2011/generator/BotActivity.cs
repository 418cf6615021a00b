using Luarm.Store.Facts;

namespace Luarm.Samples.IrcBot2011;

/// <summary>
/// What the write-up found: two processes of nobody calling themselves crond
/// (pids 7371 and 21995) that keep reconnecting to two IRC servers for days, and
/// the two Perl bots PHP started from /tmp as children of httpd (pid 8343).
/// </summary>
internal static class BotActivity
{
    public static readonly Account Nobody = new("nobody", 65534);

    public const string Dana = "dana.basefreak.nl";
    public const string Undernet = "undernet.irc.justedge.net";

    /// <summary>The bots' connections; the write-up's figures.</summary>
    public const int DanaConnections = 1408;
    public const int UndernetConnections = 963;
    public const int BotConnectionsOn6670 = 524;

    /// <summary>
    /// LUARM's <c>sourceport smallint(6)</c> held at most 32767, so MySQL stored
    /// every Linux ephemeral port (32768 and up) as 32767: the value the
    /// write-up's rows show for the bot, kept here so its query shows it too.
    /// </summary>
    public const int ClampedSourcePort = 32767;

    public static void Add(HostRecording host, ProcessFact httpd, Random random)
    {
        // The bots that had been running before: their exec was not recorded, only their endpoints.
        var danaBot = HostRecording.Unrecorded(Nobody, 7371, "crond");
        Reconnects(host, random, danaBot, "82.94.164.166", Dana, DanaConnections,
            new DateTime(2011, 2, 3, 14, 2, 0, DateTimeKind.Utc), new DateTime(2011, 2, 5, 18, 58, 0, DateTimeKind.Utc));
        var undernetBot = HostRecording.Unrecorded(Nobody, 21995, "crond");
        Reconnects(host, random, undernetBot, "195.197.175.21", Undernet, UndernetConnections,
            new DateTime(2011, 2, 4, 2, 17, 0, DateTimeKind.Utc), new DateTime(2011, 2, 5, 18, 59, 0, DateTimeKind.Utc));

        // The first bot of the morning of the 5th: a few tries at its command server, then it died.
        var first = new DateTime(2011, 2, 5, 6, 50, 12, 431, DateTimeKind.Utc);
        var died = first.AddMinutes(8).AddSeconds(28);
        var perl1 = host.Process(Nobody, 9253, httpd.Pid, "/usr/bin/perl", "./x 79.125.109.171 0 0", "/tmp", first, died);
        for (var i = 0; i < 6; i++)
        {
            var at = first.AddSeconds(9 + (i * 80) + random.Next(20));
            host.Endpoint(perl1, "crond", "79.125.109.171", null, 6667, EphemeralPort(random), at, at.AddSeconds(3));
        }

        // The second one: a tight reconnect loop to its command server for two minutes, then a last socket at 19:00.
        var second = new DateTime(2011, 2, 5, 7, 11, 0, 387, DateTimeKind.Utc);
        var perl2 = host.Process(Nobody, 29312, httpd.Pid, "/usr/bin/perl", "./x 85.121.125.74 0 0", "/tmp", second);
        var loopStart = second.AddSeconds(2);
        var loopEnd = new DateTime(2011, 2, 5, 7, 12, 58, DateTimeKind.Utc);
        var step = (loopEnd - loopStart) / (BotConnectionsOn6670 - 1);
        for (var i = 0; i < BotConnectionsOn6670 - 1; i++)
        {
            var at = loopStart + (step * i);
            host.Endpoint(perl2, "crond", "85.121.125.74", null, 6670, ClampedSourcePort, at, at.AddMilliseconds(150));
        }
        var lastTry = new DateTime(2011, 2, 5, 7, 13, 12, 640, DateTimeKind.Utc);
        host.Endpoint(perl2, "crond", "85.121.125.74", null, 6670, ClampedSourcePort, lastTry, lastTry.AddMilliseconds(150));
        host.Endpoint(perl2, "crond", "0.0.0.0", null, 0, 0, new DateTime(2011, 2, 5, 19, 0, 0, 12, DateTimeKind.Utc));
    }

    /// <summary><paramref name="count"/> connections of <paramref name="bot"/> spread over [from, to], each dropped by the server within half a minute.</summary>
    private static void Reconnects(HostRecording host, Random random, ProcessFact bot, string ip, string fqdn, int count, DateTime from, DateTime to)
    {
        var step = (to - from) / count;
        for (var i = 0; i < count; i++)
        {
            var at = from + (step * i) + TimeSpan.FromMilliseconds(random.Next((int)(step.TotalMilliseconds * 0.8)));
            host.Endpoint(bot, "crond", ip, fqdn, 6667, EphemeralPort(random), at, at.AddSeconds(1 + random.Next(30)));
        }
    }

    /// <summary>A port from Linux's default ephemeral range.</summary>
    public static int EphemeralPort(Random random) => random.Next(32768, 61000);
}

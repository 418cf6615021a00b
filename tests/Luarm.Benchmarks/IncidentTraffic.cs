using Luarm.Store.Facts;

namespace Luarm.Benchmarks;

/// <summary>
/// The February 2011 incident of the LUARM write-up, at the scale of a busy
/// fleet: on host 1, processes calling themselves <c>crond</c> run by
/// <c>nobody</c> talk to IRC servers (pids 21995 and 7371) and the Perl bot,
/// pid 29312, to 85.121.125.74:6670. A few thousand rows in all, spread
/// through the 5 February part of the stream.
/// </summary>
public sealed class IncidentTraffic
{
    public const int HostId = 1;
    public const string Undernet = "undernet.irc.justedge.net";
    public const int BotPid = 29312;

    /// <summary>Counts at 5 million rows; smaller runs scale them down.</summary>
    private const int FullUndernet = 3_000;
    private const int FullDana = 1_500;
    private const int FullBot = 2_000;
    private const int FullBotListens = 10;
    private const long FullScale = 5_000_000;

    private readonly EndpointFact[] _rows;

    public IncidentTraffic(long totalRows, Random random)
    {
        var scale = Math.Min(1.0, (double)totalRows / FullScale);
        int Scaled(int count) => Math.Max(1, (int)(count * scale));
        UndernetRows = Scaled(FullUndernet);
        BotRows = Scaled(FullBot) + Scaled(FullBotListens);
        var rows = new List<EndpointFact>();
        rows.AddRange(Enumerable.Range(0, UndernetRows).Select(_ => Row(21995, Undernet, "195.197.175.21", 6667, random)));
        rows.AddRange(Enumerable.Range(0, Scaled(FullDana)).Select(_ => Row(7371, "dana.basefreak.nl", "82.94.164.166", 6667, random)));
        rows.AddRange(Enumerable.Range(0, Scaled(FullBot)).Select(_ => Row(BotPid, null, "85.121.125.74", 6670, random)));
        rows.AddRange(Enumerable.Range(0, Scaled(FullBotListens)).Select(_ => Row(BotPid, null, "0.0.0.0", 0, random)));
        _rows = [.. rows.OrderBy(_ => random.Next())];

        // 5 February, 03:00 to 19:00, of the four weeks the stream covers.
        var first = (long)(totalRows * (4 * 24 + 3) / (28.0 * 24));
        var last = (long)(totalRows * (4 * 24 + 19) / (28.0 * 24));
        Slots = [.. Enumerable.Range(0, _rows.Length).Select(i => first + ((last - first) * i / _rows.Length))];
    }

    /// <summary>Rows to <see cref="Undernet"/>: the first write-up query counts exactly these.</summary>
    public int UndernetRows { get; }

    /// <summary>Rows of nobody's pid 29312 on host 1 (other hosts may reuse the pid).</summary>
    public int BotRows { get; }

    /// <summary>The stream positions, ascending, at which the incident's rows go.</summary>
    public long[] Slots { get; }

    public EndpointFact this[int index] => _rows[index];

    private static EndpointFact Row(int pid, string? fqdn, string ip, int port, Random random) => new()
    {
        HostId = HostId,
        Transport = "tcp",
        SourceIp = "10.1.0.1",
        SourceFqdn = "host01.example.org",
        SourcePort = port == 0 ? 0 : random.Next(32768, 61000),
        DestIp = ip,
        DestFqdn = fqdn,
        DestPort = port,
        IpVersion = 4,
        Username = "nobody",
        Uid = 65534,
        Pid = pid,
        Application = "crond",
        Md5Sum = "0cc175b9c0f1b6a831c399e269772661",
    };
}

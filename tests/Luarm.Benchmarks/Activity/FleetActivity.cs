using Luarm.Store.Facts;

namespace Luarm.Benchmarks.Activity;

/// <summary>
/// A deterministic stream of what a fleet's agents append, in event-time order,
/// at about <c>factsPerSecond</c> facts per second of event time for the whole
/// fleet: processes starting (psinfo), the connections each opens over its life
/// (netinfo), the files some read (fileinfo), now and then a USB stick (hwinfo)
/// usually followed by a virus scan; and, when asked, IRC bots and near misses
/// (<see cref="IrcBots"/>). Every fact carries the id a fresh store gives it.
/// </summary>
public sealed class FleetActivity
{
    /// <summary>Facts per process start, on average: the process, about 5.5 connections, and eight file reads for one in five.</summary>
    public const double FactsPerProcess = 8;

    private const int BotEvery = 2_500;
    private const int UsbEvery = 3_000;

    private static readonly string[] CommonFiles =
        ["/etc/hosts", "/etc/resolv.conf", "/etc/nsswitch.conf", "/etc/ld.so.cache", "/usr/lib/x86_64-linux-gnu/libc.so.6", "/etc/ssl/certs/ca-certificates.crt", "/etc/passwd"];

    private readonly Random _random;
    private readonly Fleet _fleet;
    private readonly Destinations _destinations = new();
    private readonly ProgramDigests _digests = new();
    private readonly FactTimeline _timeline = new();
    private readonly IrcBots? _bots;
    private readonly double _meanGapMs;
    private DateTime _nextStart;
    private long _starts;

    public FleetActivity(int hosts, DateTime start, double factsPerSecond, bool plantBots = true, int seed = 20110205)
    {
        _random = new Random(seed);
        _fleet = new Fleet(hosts, _random);
        _meanGapMs = 1000 * FactsPerProcess / factsPerSecond;
        _nextStart = start;
        _bots = plantBots ? new IrcBots(_timeline, _digests, _random) : null;
    }

    public int Hosts => _fleet.Hosts.Count;

    public int BotsPlanted => _bots?.Bots ?? 0;

    public int NearMissesPlanted => _bots?.NearMisses ?? 0;

    /// <summary>The next <paramref name="count"/> facts of the stream.</summary>
    public List<object> Next(int count)
    {
        var facts = new List<object>(count);
        while (facts.Count < count)
        {
            facts.Add(NextFact());
        }
        return facts;
    }

    /// <summary>The facts of the stream stamped up to <paramref name="until"/>: a live fleet's latest rows.</summary>
    public List<object> Until(DateTime until)
    {
        var facts = new List<object>();
        while (Math.Min(_timeline.NextTime.Ticks, _nextStart.Ticks) <= until.Ticks)
        {
            facts.Add(NextFact());
        }
        return facts;
    }

    private object NextFact()
    {
        while (_timeline.NextTime > _nextStart)
        {
            StartProcess(_nextStart);
            _nextStart += TimeSpan.FromMilliseconds(-Math.Log(1 - _random.NextDouble()) * _meanGapMs);
        }
        return _timeline.Release();
    }

    private void StartProcess(DateTime at)
    {
        var host = _fleet.Hosts[_random.Next(_fleet.Hosts.Count)];
        _starts++;
        if (_bots is not null && _starts % BotEvery == 0)
        {
            _bots.PlantBot(host, at);
            return;
        }
        if (_bots is not null && _starts % BotEvery == BotEvery / 2)
        {
            _bots.PlantNearMiss(host, at);
            return;
        }
        if (_starts % UsbEvery == UsbEvery / 3)
        {
            AttachUsb(host, at);
            return;
        }
        var account = host.PickAccount(_random);
        var program = account.Programs[_random.Next(account.Programs.Length)];
        var md5 = _digests.Of(program);
        var pid = _random.Next(300, 32768);
        var process = ProcessRow.Of(host, account, pid, ProcessRow.CommandOf(program), ArgumentsOf(account, program), CwdOf(account), md5, _random);
        _timeline.Add(process, at);
        var life = TimeSpan.FromMilliseconds(Math.Min(900_000, -Math.Log(1 - _random.NextDouble()) * 120_000));
        var connections = program == "ntpd" ? 1 : 1 + (int)Math.Min(200, -Math.Log(1 - _random.NextDouble()) * 5.5);
        Destination[] targets = program == "ntpd"
            ? [Destinations.TimeServer]
            : [.. Enumerable.Range(0, 1 + _random.Next(4)).Select(_ => _random.Next(8) == 0 ? Destinations.Unresolved(_random) : _destinations.Popular(_random))];
        for (var i = 0; i < connections; i++)
        {
            var target = _random.Next(10) == 0 ? Destinations.Resolver : targets[_random.Next(targets.Length)];
            _timeline.Add(EndpointRow.Of(host, account, pid, program, md5, target, _random), Within(at, life));
        }
        if (_random.Next(5) == 0)
        {
            for (var i = 1 + _random.Next(15); i > 0; i--)
            {
                _timeline.Add(FileRow(host, process, CommonFiles[_random.Next(CommonFiles.Length)]), Within(at, life));
            }
        }
        if (program == "sshd" && _random.Next(3) == 0)
        {
            _timeline.Add(FileRow(host, process, "/etc/shadow"), Within(at, life));
        }
    }

    /// <summary>A USB stick; the site's policy wants a scan within 15 minutes, which happens two times in three.</summary>
    private void AttachUsb(FleetHost host, DateTime at)
    {
        _timeline.Add(new DeviceFact { HostId = host.Id, DevBus = "usb", DevString = "Kingston DataTraveler mass storage", DevVendor = "0951", UsersLogged = "alice", Uid = 1001 }, at);
        if (_random.Next(3) > 0)
        {
            var root = new Account("root", 0, ["clamscan"]);
            var scan = ProcessRow.Of(host, root, _random.Next(300, 32768), "/usr/bin/clamscan", "-r /media/usb0", "/", _digests.Of("clamscan"), _random);
            _timeline.Add(scan, at + TimeSpan.FromSeconds(_random.Next(30, 600)));
        }
    }

    private DateTime Within(DateTime start, TimeSpan life) => start + TimeSpan.FromTicks((long)(life.Ticks * _random.NextDouble()));

    private static FileFact FileRow(FleetHost host, ProcessFact process, string filename) => new()
    {
        HostId = host.Id,
        Filename = filename,
        AccessType = "read",
        Username = process.Username,
        Uid = process.Uid,
        Command = process.Command,
        Pid = process.Pid,
        Ppid = process.Ppid,
        Md5Sum = process.Md5Sum,
    };

    private static string ArgumentsOf(Account account, string program) => program switch
    {
        "python" or "python3" => $"/home/{account.Username}/bin/report.py",
        "perl" => "/var/www/cgi-bin/stats.pl",
        "php-cgi" => "/var/www/html/index.php",
        "curl" or "wget" => "-sS https://deb.example.org/dists/stable/Release",
        "rsync" => "-a /srv/backup/ backup.example.org::nightly",
        _ => "",
    };

    private static string CwdOf(Account account) => account.Uid switch
    {
        0 => "/",
        >= 1000 and < 60000 => $"/home/{account.Username}",
        33 or 65534 => "/var/www",
        _ => $"/var/lib/{account.Username}",
    };
}

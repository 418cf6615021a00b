using Luarm.Store.Facts;

namespace Luarm.Benchmarks.Activity;

/// <summary>
/// Plants the 2011 incident's pattern into a fleet's activity: a service account
/// runs a script interpreter from a world-writable directory and the same process
/// connects to IRC servers within minutes; and near misses that must not match
/// (the ops IRC bridge, a staff user, a normal directory, a connection after the window).
/// </summary>
public sealed class IrcBots(FactTimeline timeline, ProgramDigests digests, Random random)
{
    private static readonly Account[] Daemons = [new("nobody", 65534, ["perl"]), new("www-data", 33, ["perl"]), new("apache", 48, ["perl"])];
    private static readonly int[] IrcPorts = [6667, 6667, 6668, 6697, 7000];

    /// <summary>Bots planted so far.</summary>
    public int Bots { get; private set; }

    /// <summary>Near misses planted so far.</summary>
    public int NearMisses { get; private set; }

    public void PlantBot(FleetHost host, DateTime at)
    {
        Bots++;
        var account = Daemons[random.Next(Daemons.Length)];
        var fromShm = random.Next(2) == 0;
        var (program, arguments, cwd) = fromShm ? ("python3", "/dev/shm/.x/bot.py", "/") : ("perl", $"./x {PublicIp()} 0 0", "/tmp");
        Plant(host, account, program, arguments, cwd, at, TimeSpan.FromMinutes(9), nearBridge: false);
    }

    /// <summary>One of four ways to look like the bot without being it, in turn.</summary>
    public void PlantNearMiss(FleetHost host, DateTime at)
    {
        var account = Daemons[random.Next(Daemons.Length)];
        switch (NearMisses++ % 4)
        {
            case 0:
                Plant(host, account, "perl", "/opt/ops/ircbridge.pl", "/tmp", at, TimeSpan.FromMinutes(9), nearBridge: true);
                break;
            case 1:
                Plant(host, new Account("alice", 1001, ["perl"]), "perl", "./x", "/tmp", at, TimeSpan.FromMinutes(9), nearBridge: false);
                break;
            case 2:
                Plant(host, account, "perl", "/usr/share/munin/plugins/irc", "/", at, TimeSpan.FromMinutes(9), nearBridge: false);
                break;
            default:
                var process = Process(host, account, "perl", "./x", "/var/tmp", at);
                Connect(host, account, process.Pid, PublicIp(), at + TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1 + random.Next(300)));
                break;
        }
    }

    private void Plant(FleetHost host, Account account, string program, string arguments, string cwd, DateTime at, TimeSpan within, bool nearBridge)
    {
        var process = Process(host, account, program, arguments, cwd, at);
        var server = nearBridge ? $"10.20.{random.Next(256)}.{random.Next(1, 255)}" : PublicIp();
        for (var i = 3 + random.Next(7); i > 0; i--)
        {
            Connect(host, account, process.Pid, server, at + TimeSpan.FromMilliseconds(random.NextInt64(1_000, (long)within.TotalMilliseconds)));
        }
    }

    private ProcessFact Process(FleetHost host, Account account, string program, string arguments, string cwd, DateTime at)
    {
        var process = ProcessRow.Of(host, account, random.Next(300, 32768), "/usr/bin/" + program, arguments, cwd, digests.Of(program), random);
        timeline.Add(process, at);
        return process;
    }

    private void Connect(FleetHost host, Account account, int pid, string server, DateTime at)
    {
        var target = new Destination("tcp", null, server, IrcPorts[random.Next(IrcPorts.Length)]);
        var connection = EndpointRow.Of(host, account, pid, "crond", digests.Of("crond"), target, random);
        timeline.Add(connection, at);
    }

    private string PublicIp() => $"{random.Next(80, 200)}.{random.Next(256)}.{random.Next(256)}.{random.Next(1, 255)}";
}

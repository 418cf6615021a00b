using Luarm.Store.Facts;

namespace Luarm.Testing;

/// <summary>
/// A small copy of the February 2011 incident of the LUARM write-up: apache runs
/// as <c>nobody</c>; two Perl bots (pids 9253 and 29312, parent 8343) were started
/// from /tmp; processes calling themselves <c>crond</c> (pids 7371, 21995) talk
/// to IRC servers; unrelated activity of other users surrounds them.
/// </summary>
public static class IncidentDataset
{
    public const int HostId = 1;
    public static readonly DateTime Day = new(2011, 2, 5, 0, 0, 0, DateTimeKind.Utc);

    public const int UndernetConnections = 9;
    public const int DanaConnections = 7;
    public const int BotConnectionsOn6670 = 6;

    public static IReadOnlyList<ProcessFact> Processes { get; } = BuildProcesses();
    public static IReadOnlyList<EndpointFact> Endpoints { get; } = BuildEndpoints();

    /// <summary>The rows of <see cref="Processes"/> run by nobody, in insertion order.</summary>
    public static IReadOnlyList<ProcessFact> NobodyProcesses => Processes.Where(p => p.Username == "nobody").ToArray();

    private static List<ProcessFact> BuildProcesses()
    {
        var rows = new List<ProcessFact>();
        for (var i = 0; i < 8; i++)
        {
            rows.Add(Process("nobody", 8343 + i + 1, 8343, "/opt/lampp/bin/httpd", "-k start -E /opt/lampp/logs/error_log", "/", Day.AddHours(1).AddMinutes(i)));
        }
        rows.Add(Process("root", 8343, 1, "/opt/lampp/bin/httpd", "-k start", "/", Day.AddMinutes(30)));
        rows.Add(Process("alice", 4100, 4000, "/usr/bin/vim", "notes.txt", "/home/alice", Day.AddHours(2)));
        rows.Add(Process("nobody", 9253, 8343, "/usr/bin/perl", "./x 79.125.109.171 0 0", "/tmp", Day.AddHours(6).AddMinutes(50)));
        rows.Add(Process("nobody", 29312, 8343, "/usr/bin/perl", "./x 85.121.125.74 0 0", "/tmp", Day.AddHours(7).AddMinutes(11)));
        return rows;
    }

    private static List<EndpointFact> BuildEndpoints()
    {
        var rows = new List<EndpointFact>();
        for (var i = 0; i < UndernetConnections; i++)
        {
            rows.Add(Endpoint(21995, "crond", "undernet.irc.justedge.net", "195.197.175.21", 6667, 40000 + i, Day.AddHours(3).AddMinutes(i)));
        }
        for (var i = 0; i < DanaConnections; i++)
        {
            rows.Add(Endpoint(7371, "crond", "dana.basefreak.nl", "82.94.164.166", 6667, 41000 + i, Day.AddHours(4).AddMinutes(i)));
        }
        for (var i = 0; i < BotConnectionsOn6670; i++)
        {
            rows.Add(Endpoint(29312, "crond", null, "85.121.125.74", 6670, 32767, Day.AddHours(7).AddMinutes(12 + (i / 3))));
        }
        rows.Add(Endpoint(29312, "crond", null, "0.0.0.0", 0, 0, Day.AddHours(19)));
        rows.Add(Endpoint(4101, "ssh", "git.example.org", "198.51.100.7", 22, 50000, Day.AddHours(2), user: "alice"));
        return rows;
    }

    private static ProcessFact Process(string user, int pid, int ppid, string command, string arguments, string cwd, DateTime created) => new()
    {
        HostId = HostId,
        Username = user,
        Uid = user == "root" ? 0 : user == "nobody" ? 65534 : 1000,
        Pid = pid,
        Ppid = ppid,
        PCpu = 0.1m,
        PMem = 1.2m,
        Command = command,
        Arguments = arguments,
        Cwd = cwd,
        Exe = command,
        Md5Sum = "d41d8cd98f00b204e9800998ecf8427e",
        Created = created,
    };

    private static EndpointFact Endpoint(int pid, string application, string? fqdn, string ip, int port, int sourcePort, DateTime created, string user = "nobody") => new()
    {
        HostId = HostId,
        Transport = "tcp",
        SourceIp = "192.0.2.10",
        SourcePort = sourcePort,
        DestIp = ip,
        DestFqdn = fqdn,
        DestPort = port,
        IpVersion = 4,
        Username = user,
        Uid = user == "nobody" ? 65534 : 1000,
        Pid = pid,
        Application = application,
        Md5Sum = "0cc175b9c0f1b6a831c399e269772661",
        Created = created,
    };
}

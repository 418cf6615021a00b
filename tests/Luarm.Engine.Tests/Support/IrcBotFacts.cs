using Luarm.Store.Facts;

namespace Luarm.Engine.Tests.Support;

/// <summary>
/// The two rows of the 2011 IRC-bot pattern on any host: nobody runs a Perl
/// script from /tmp, then the same pid connects to port 6670. Together they
/// raise one LUARM-IRC-001 alert.
/// </summary>
internal static class IrcBotFacts
{
    public const string RuleId = "LUARM-IRC-001";

    public static ProcessFact Bot(int pid, DateTime at, int host = 1) => new()
    {
        HostId = host,
        Username = "nobody",
        Pid = pid,
        Ppid = 8343,
        Command = "/usr/bin/perl",
        Arguments = "./x 85.121.125.74 0 0",
        Cwd = "/tmp",
        Created = at,
    };

    public static EndpointFact Irc(int pid, DateTime at, int host = 1) => new()
    {
        HostId = host,
        Transport = "tcp",
        SourceIp = "192.0.2.10",
        SourcePort = 32767,
        DestIp = "85.121.125.74",
        DestPort = 6670,
        IpVersion = 4,
        Username = "nobody",
        Pid = pid,
        Application = "crond",
        Created = at,
    };
}
